"use client";

import clsx from "clsx";
import { Check, Copy } from "lucide-react";
import { useEffect, useState } from "react";
import { copyText } from "./copy";

interface CopyButtonProps {
  /** The text to copy, read when clicked. */
  getText: () => string;
  label: string;
  testId?: string;
  showText?: boolean;
  className?: string;
}

export function CopyButton({ getText, label, testId, showText = false, className }: CopyButtonProps) {
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (!copied) return;
    const t = setTimeout(() => setCopied(false), 1600);
    return () => clearTimeout(t);
  }, [copied]);

  return (
    <button
      type="button"
      data-testid={testId}
      aria-label={copied ? "Copied" : label}
      title={copied ? "Copied" : label}
      onClick={async () => {
        if (await copyText(getText())) setCopied(true);
      }}
      className={clsx(
        "inline-flex items-center gap-1.5 rounded-md transition-colors focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400",
        className,
      )}
    >
      {copied ? <Check className="size-3.5" aria-hidden="true" /> : <Copy className="size-3.5" aria-hidden="true" />}
      {showText && <span>{copied ? "Copied" : "Copy"}</span>}
    </button>
  );
}
