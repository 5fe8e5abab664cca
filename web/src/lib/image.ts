// Photos travel inline as small data: URLs (the server accepts at most 48 KiB, see
// server/chat/image_ref.h): the picked file is drawn onto a canvas no larger than needed and
// re-encoded as JPEG, smaller and rougher until it fits.
export const maxInlineImageBytes = 48 * 1024;

function loadImage(file: File): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(file);
    const img = new Image();
    img.onload = () => {
      URL.revokeObjectURL(url);
      resolve(img);
    };
    img.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('not an image'));
    };
    img.src = url;
  });
}

/** The image as a data: URL that fits the limit, or an error when it cannot be read. */
export async function imageToDataUrl(file: File): Promise<string> {
  const img = await loadImage(file);
  for (const side of [1024, 800, 640, 480, 320]) {
    const scale = Math.min(1, side / Math.max(img.naturalWidth, img.naturalHeight));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(img.naturalWidth * scale));
    canvas.height = Math.max(1, Math.round(img.naturalHeight * scale));
    canvas.getContext('2d')!.drawImage(img, 0, 0, canvas.width, canvas.height);
    for (const quality of [0.8, 0.6, 0.45]) {
      const url = canvas.toDataURL('image/jpeg', quality);
      if (url.length <= maxInlineImageBytes) return url;
    }
  }
  throw new Error('image too large');
}
