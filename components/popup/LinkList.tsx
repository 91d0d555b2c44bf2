export interface LinkEntry {
  label: string;
  url: string;
}

/** Buttons that open documented console addresses in a new tab (never anything else). */
export function LinkList({
  heading,
  links,
  onOpen,
}: {
  heading: string;
  links: LinkEntry[];
  onOpen: (url: string) => void;
}) {
  if (links.length === 0) return null;
  return (
    <section className="links" data-cloudexit="open-links">
      <h2>{heading}</h2>
      <ul>
        {links.map((link) => (
          <li key={link.url}>
            <button type="button" className="secondary" data-url={link.url} onClick={() => onOpen(link.url)}>
              {link.label}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
