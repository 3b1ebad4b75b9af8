import { useCallback, useEffect, useRef, useState } from 'react';
import { admitImages } from './imageRules';

export interface ImageItem {
  key: string;
  file: File;
  /** An object URL for the preview; revoked when the image is removed or the page left. */
  preview: string | null;
}

let nextKey = 0;

function previewOf(file: File): string | null {
  return typeof URL.createObjectURL === 'function' ? URL.createObjectURL(file) : null;
}

function revoke(item: ImageItem) {
  if (item.preview) {
    URL.revokeObjectURL(item.preview);
  }
}

/** The chosen reference images, in the order they will be sent. */
export function useImageList() {
  const [items, setItems] = useState<ImageItem[]>([]);
  const current = useRef(items);
  current.current = items;

  useEffect(() => () => current.current.forEach(revoke), []);

  /** Adds what fits and returns why the rest was left out. */
  const add = useCallback((files: readonly File[]): string[] => {
    const { admitted, rejected } = admitImages(files, current.current.length);
    if (admitted.length > 0) {
      const added = admitted.map((file) => ({ key: `image-${nextKey++}`, file, preview: previewOf(file) }));
      current.current = [...current.current, ...added];
      setItems(current.current);
    }
    return rejected;
  }, []);

  const move = useCallback((key: string, by: -1 | 1) => {
    const list = [...current.current];
    const from = list.findIndex((item) => item.key === key);
    const to = from + by;
    if (from < 0 || to < 0 || to >= list.length) {
      return;
    }
    const [item] = list.splice(from, 1);
    list.splice(to, 0, item!);
    current.current = list;
    setItems(list);
  }, []);

  const remove = useCallback((key: string) => {
    const item = current.current.find((i) => i.key === key);
    if (item) {
      revoke(item);
      current.current = current.current.filter((i) => i.key !== key);
      setItems(current.current);
    }
  }, []);

  return { items, add, move, remove };
}
