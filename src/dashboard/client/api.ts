import type { ControlReply, ErrorReply } from '../protocol.js';
import { byId } from './dom.js';

export type ControlName = 'step' | 'play' | 'pause' | 'reset' | 'pace';

/** The banner for refused controls and run errors; cleared by the next control that succeeds. */
export function showMessage(text: string | null): void {
  const box = byId('message');
  box.textContent = text ?? '';
  box.hidden = text === null;
}

/**
 * POST a control. The server validates it (zod) and either applies it or changes nothing and says
 * why; the reason is shown on the page as it came.
 */
export async function control(name: ControlName, body: unknown = {}): Promise<ControlReply | null> {
  let res: Response;
  try {
    res = await fetch(`/api/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  } catch (e) {
    showMessage(`${name}: the dashboard server is not reachable (${(e as Error).message}); is \`omega dashboard\` still running?`);
    return null;
  }
  const reply = (await res.json()) as ControlReply | ErrorReply;
  if (!res.ok || 'error' in reply) {
    showMessage('error' in reply ? reply.error : `${name} failed with HTTP ${res.status}`);
    return null;
  }
  showMessage(null);
  return reply;
}
