import { apiPaths, CSRF_HEADER, csrfToken, localProblem, ProblemError, problemFrom, signInAgain } from './client';
import type { BriefRequest, Created } from './types';

export interface Upload {
  /** Resolves with the new generation, rejects with a {@link ProblemError}. */
  done: Promise<Created>;
  abort: () => void;
}

/**
 * Starts a generation, with an optional music file to play under the voice-over. XMLHttpRequest rather than fetch because only it reports how much of the
 * request body has been sent, which is what a person waiting on 10 large photos wants to see.
 */
export function createGeneration(
  brief: BriefRequest,
  images: readonly File[],
  onProgress: (fraction: number) => void,
  music: File | null = null,
): Upload {
  const xhr = new XMLHttpRequest();
  const done = new Promise<Created>((resolve, reject) => {
    const body = new FormData();
    body.append('brief', new Blob([JSON.stringify(brief)], { type: 'application/json' }), 'brief.json');
    for (const image of images) {
      body.append('images', image, image.name);
    }
    if (music) {
      body.append('music', music, music.name);
    }
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable && event.total > 0) {
        onProgress(event.loaded / event.total);
      }
    });
    xhr.addEventListener('load', () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as Created);
        } catch {
          reject(new ProblemError(xhr.status, localProblem(xhr.status, 'Unreadable answer', 'The server’s answer could not be read.')));
        }
      } else {
        if (xhr.status === 401) {
          signInAgain();
        }
        reject(new ProblemError(xhr.status, problemFrom(xhr.status, xhr.responseText)));
      }
    });
    xhr.addEventListener('error', () => {
      reject(new ProblemError(0, localProblem(0, 'Upload failed', 'The upload did not reach the server. Check your connection and try again.')));
    });
    xhr.addEventListener('abort', () => {
      reject(new ProblemError(0, localProblem(0, 'Upload cancelled', 'The upload was cancelled.')));
    });
    xhr.open('POST', apiPaths.generations);
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    const token = csrfToken();
    if (token) {
      xhr.setRequestHeader(CSRF_HEADER, token);
    }
    xhr.send(body);
  });
  return { done, abort: () => xhr.abort() };
}
