/**
 * Screenshots kept as proof of cancellation, in the extension's own IndexedDB: images are stored
 * as Blobs (no base64 overhead) without asking for the `unlimitedStorage` permission, and never
 * leave the browser. Metadata lives in `cancellations` (storage.local), so it syncs to the popup.
 */
const DB_NAME = 'cloudexit-proofs';
const STORE = 'screenshots';

interface StoredProof {
  id: string;
  image: Blob;
  capturedAt: number;
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'id' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run<T>(mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const request = action(db.transaction(STORE, mode).objectStore(STORE));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  } finally {
    db.close();
  }
}

/** `data:image/png;base64,…` → Blob, decoded here rather than fetched (nothing touches the network). */
export function dataUrlToBlob(dataUrl: string): Blob {
  const match = /^data:([^;,]+);base64,(.*)$/.exec(dataUrl);
  if (!match) throw new Error('not a base64 data URL');
  const bytes = Uint8Array.from(atob(match[2]!), (char) => char.charCodeAt(0));
  return new Blob([bytes], { type: match[1] });
}

export async function saveScreenshot(id: string, dataUrl: string, capturedAt = Date.now()): Promise<void> {
  const image = dataUrlToBlob(dataUrl);
  await run('readwrite', (store) => store.put({ id, image, capturedAt } satisfies StoredProof));
}

export async function loadScreenshot(id: string): Promise<Blob | null> {
  const stored = (await run('readonly', (store) => store.get(id))) as StoredProof | undefined;
  return stored?.image ?? null;
}

export async function deleteScreenshot(id: string): Promise<void> {
  await run('readwrite', (store) => store.delete(id));
}

export async function deleteAllScreenshots(): Promise<void> {
  await run('readwrite', (store) => store.clear());
}

export function blobToDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}
