"use client";

import { useEffect } from "react";

/** Keeps the browser tab's title on `title` while the component is shown. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title;
    // The page's streamed metadata may commit its own <title> after this effect: keep ours.
    const observer = new MutationObserver(() => {
      if (document.title !== title) document.title = title;
    });
    observer.observe(document.head, { subtree: true, childList: true, characterData: true });
    return () => observer.disconnect();
  }, [title]);
}
