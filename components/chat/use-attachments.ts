"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { UploadedFile } from "@/lib/files/contract";
import { type Upload, uploadFile } from "./upload-file";

/** A file in the composer: uploading as soon as it is picked, then ready to send, or refused. */
export interface Attachment {
  key: string;
  name: string;
  size: number;
  /** The browser's guess from the name; the server decides by the content. */
  type: string;
  /** 0 to 1 while uploading. */
  progress: number;
  status: "uploading" | "ready" | "failed";
  uploaded?: UploadedFile;
  error?: string;
  /** A local object URL for an image's thumbnail on its chip. */
  preview?: string;
}

let counter = 0;

/**
 * The composer's attachments: each file uploads on its own (its own progress), in parallel, its
 * tokens counted for `model`.
 */
export function useAttachments(model: string) {
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const uploads = useRef(new Map<string, Upload>());
  const previews = useRef(new Map<string, string>());
  const modelRef = useRef(model);
  useEffect(() => {
    modelRef.current = model;
  }, [model]);

  const update = useCallback((key: string, change: Partial<Attachment>) => {
    setAttachments((list) => list.map((a) => (a.key === key ? { ...a, ...change } : a)));
  }, []);

  const add = useCallback(
    (files: Iterable<File>) => {
      const added: Attachment[] = [];
      for (const file of files) {
        const key = `file-${counter++}`;
        const preview = file.type.startsWith("image/") ? URL.createObjectURL(file) : undefined;
        if (preview) previews.current.set(key, preview);
        added.push({
          key,
          name: file.name || "pasted file",
          size: file.size,
          type: file.type,
          progress: 0,
          status: "uploading",
          preview,
        });
        const upload = uploadFile(file, modelRef.current, (progress) => update(key, { progress }));
        uploads.current.set(key, upload);
        upload.done
          .then(
            (uploaded) => update(key, { status: "ready", progress: 1, uploaded }),
            (error: Error) => update(key, { status: "failed", error: error.message }),
          )
          .finally(() => uploads.current.delete(key));
      }
      if (added.length > 0) setAttachments((list) => [...list, ...added]);
    },
    [update],
  );

  const forget = useCallback((key: string) => {
    uploads.current.get(key)?.abort();
    uploads.current.delete(key);
    const preview = previews.current.get(key);
    if (preview) URL.revokeObjectURL(preview);
    previews.current.delete(key);
  }, []);

  const remove = useCallback(
    (key: string) => {
      forget(key);
      setAttachments((list) => list.filter((a) => a.key !== key));
    },
    [forget],
  );

  /** After a send: the chips go (the message shows the files from the server's copies). */
  const clear = useCallback(() => {
    for (const key of [...previews.current.keys(), ...uploads.current.keys()]) forget(key);
    setAttachments([]);
  }, [forget]);

  // Leaving the chat stops the uploads and frees the thumbnails.
  useEffect(() => () => clear(), [clear]);

  return {
    attachments,
    add,
    remove,
    clear,
    uploading: attachments.some((a) => a.status === "uploading"),
    failed: attachments.some((a) => a.status === "failed"),
    ready: attachments.flatMap((a) => (a.uploaded ? [a.uploaded] : [])),
  };
}

export type Attachments = ReturnType<typeof useAttachments>;
