/**
 * Saves text as a file from an extension page: a temporary link to a Blob URL on our own page
 * (never a console element), revoked right after.
 */
export function downloadText(name: string, content: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
