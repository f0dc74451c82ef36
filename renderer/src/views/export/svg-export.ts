// The ladder as a standalone file: the live <svg data-testid="ladder-svg"> cloned with the
// computed values of the presentation properties inlined on every element (so it looks the same
// with the app's theme variables gone), then serialised as XML; PNG by drawing that SVG on a canvas.
// Only what is drawn is exported: the ladder keeps just the rows in view in the DOM.

const STYLE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'display',
];

export function findLadderSvg(root: ParentNode = document): SVGSVGElement | null {
  return root.querySelector<SVGSVGElement>('[data-testid="ladder-svg"]');
}

/** The SVG as an XML document string, styles inlined; null when no ladder is on screen. */
export function serializeLadderSvg(root: ParentNode = document): string | null {
  const svg = findLadderSvg(root);
  if (!svg) return null;
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const source = [svg, ...Array.from(svg.querySelectorAll('*'))];
  const target = [clone, ...Array.from(clone.querySelectorAll('*'))];
  source.forEach((el, i) => {
    const out = target[i] as SVGElement | undefined;
    if (!out || el.tagName.toLowerCase() === 'style') return;
    const cs = getComputedStyle(el);
    const style: string[] = [];
    for (const p of STYLE_PROPS) {
      const v = cs.getPropertyValue(p);
      if (v) style.push(`${p}:${v}`);
    }
    if (style.length) out.setAttribute('style', `${style.join(';')};${out.getAttribute('style') ?? ''}`);
  });
  const box = svg.getBoundingClientRect();
  const width = Math.max(1, Math.round(box.width || Number(svg.getAttribute('width')) || 800));
  const height = Math.max(1, Math.round(box.height || Number(svg.getAttribute('height')) || 600));
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('xmlns:xlink', 'http://www.w3.org/1999/xlink');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  if (!clone.getAttribute('viewBox')) clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
  // Interaction-only attributes are noise in a file.
  for (const el of [clone, ...Array.from(clone.querySelectorAll('*'))]) {
    for (const a of Array.from(el.attributes)) if (a.name.startsWith('on')) el.removeAttribute(a.name);
  }
  const bg = getComputedStyle(svg).backgroundColor;
  if (bg && bg !== 'rgba(0, 0, 0, 0)') clone.style.backgroundColor = bg;
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(clone);
}

/** Renders SVG text to a PNG blob at `scale` (2 = crisp on high-DPI screens). */
export async function svgToPng(svgText: string, scale = 2): Promise<Blob> {
  const doc = new DOMParser().parseFromString(svgText, 'image/svg+xml');
  const root = doc.documentElement;
  const width = Number(root.getAttribute('width')) || 800;
  const height = Number(root.getAttribute('height')) || 600;
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.decoding = 'sync';
    await new Promise<void>((ok, fail) => {
      img.onload = () => ok();
      img.onerror = () => fail(new Error('the SVG could not be drawn'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    const bg = (root as unknown as SVGSVGElement).style?.backgroundColor;
    ctx.fillStyle = bg || '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, width, height);
    return await new Promise<Blob>((ok, fail) =>
      canvas.toBlob((b) => (b ? ok(b) : fail(new Error('PNG encoding failed'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
