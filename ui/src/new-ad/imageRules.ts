/** What the server accepts as reference images (UploadLimits.java), checked before uploading. */

export const IMAGE_LIMITS = {
  minImages: 1,
  maxImages: 10,
  /** 15 MB, as the server counts it. */
  maxBytes: 15 * 1024 * 1024,
} as const;

export const ACCEPTED_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

const EXTENSIONS = /\.(jpe?g|png|webp)$/i;

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) {
    return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  }
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Why a file cannot be a reference image, or null when it can. */
export function imageProblem(file: File): string | null {
  // Some systems give no type for a file; its extension then decides, and the server checks the bytes.
  const typed = file.type !== '';
  const accepted = typed ? (ACCEPTED_TYPES as readonly string[]).includes(file.type) : EXTENSIONS.test(file.name);
  if (!accepted) {
    return `“${file.name}” is not a JPEG, PNG or WebP image.`;
  }
  if (file.size > IMAGE_LIMITS.maxBytes) {
    return `“${file.name}” is ${formatBytes(file.size)}; each image may be at most 15 MB.`;
  }
  if (file.size === 0) {
    return `“${file.name}” is empty.`;
  }
  return null;
}

/**
 * Splits newly chosen files into those that fit after the `already` chosen ones and the reasons
 * the others were left out.
 */
export function admitImages(files: readonly File[], already: number): { admitted: File[]; rejected: string[] } {
  const admitted: File[] = [];
  const rejected: string[] = [];
  let overflow = 0;
  for (const file of files) {
    const problem = imageProblem(file);
    if (problem) {
      rejected.push(problem);
    } else if (already + admitted.length >= IMAGE_LIMITS.maxImages) {
      overflow++;
    } else {
      admitted.push(file);
    }
  }
  if (overflow > 0) {
    rejected.push(
      `Only ${IMAGE_LIMITS.maxImages} images can be sent; ${overflow} ${overflow === 1 ? 'was' : 'were'} left out.`,
    );
  }
  return { admitted, rejected };
}
