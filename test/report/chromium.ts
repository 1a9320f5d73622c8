import { PNG } from 'pngjs';

/** Fraction of pixels that are not (near) white: a screenshot of a drawn chart is far from blank. */
export function inkFraction(png: Buffer): { width: number; height: number; ink: number } {
  const img = PNG.sync.read(png);
  let ink = 0;
  for (let i = 0; i < img.data.length; i += 4) {
    const r = img.data[i]!;
    const g = img.data[i + 1]!;
    const b = img.data[i + 2]!;
    const a = img.data[i + 3]!;
    if (a > 0 && (r < 235 || g < 235 || b < 235)) ink++;
  }
  return { width: img.width, height: img.height, ink: ink / (img.width * img.height) };
}
