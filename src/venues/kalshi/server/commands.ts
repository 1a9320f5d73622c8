import type { AmendOrderV2Request, CreateOrderV2Request, DecreaseOrderV2Request } from '../wire/orders.js';
import type { UsageTier } from '../rate-limit.js';

/**
 * Every change to the local exchange's state is one of these commands. The server journals each
 * command that succeeded (with the time it ran), and a restart replays the journal through the same
 * code, so state after a restart equals state before it, byte for byte: ids are derived from counters,
 * the market drivers are seeded, and time comes from the command.
 */
export type VenueCommand =
  | {
      readonly op: 'account';
      readonly ts: number;
      readonly keyId: string;
      readonly name: string;
      readonly cashCents: number;
      readonly tier: UsageTier;
    }
  | { readonly op: 'tier'; readonly ts: number; readonly keyId: string; readonly tier: UsageTier }
  | { readonly op: 'create'; readonly ts: number; readonly keyId: string; readonly order: CreateOrderV2Request }
  | { readonly op: 'cancel'; readonly ts: number; readonly keyId: string; readonly orderId: string }
  | { readonly op: 'amend'; readonly ts: number; readonly keyId: string; readonly orderId: string; readonly body: AmendOrderV2Request }
  | {
      readonly op: 'decrease';
      readonly ts: number;
      readonly keyId: string;
      readonly orderId: string;
      readonly body: DecreaseOrderV2Request;
    }
  | { readonly op: 'cancel_all'; readonly ts: number; readonly keyId: string }
  | { readonly op: 'advance'; readonly ts: number; readonly steps?: number; readonly to?: number }
  | {
      readonly op: 'settle';
      readonly ts: number;
      readonly ticker: string;
      readonly result: 'yes' | 'no' | { readonly valueCents: number };
    };

export type CommandOf<K extends VenueCommand['op']> = Extract<VenueCommand, { op: K }>;
