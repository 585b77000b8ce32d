export const escapeXml = (text: string): string => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** Two decimals keep files small and the output identical run after run. */
export const px = (v: number): string => String(Math.round(v * 100) / 100);

type AttrValue = string | number;

/** One SVG element; numbers are rounded as pixels, text and attribute values escaped. */
export const el = (tag: string, attrs: Readonly<Record<string, AttrValue>>, content?: string): string => {
  const attributes = Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${typeof v === 'number' ? px(v) : escapeXml(v)}"`)
    .join('');
  return content === undefined ? `<${tag}${attributes}/>` : `<${tag}${attributes}>${content}</${tag}>`;
};
