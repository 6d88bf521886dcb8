export interface StaticHeader {
  key: string;
  value: string;
}

/** next.config.mjs `headers()` entries. */
export interface NextHeaderRule {
  source: string;
  has?: { type: "header"; key: string; value: string }[];
  headers: StaticHeader[];
}

export function nextHeaderRules(): NextHeaderRule[];

export function staticHeadersFor(path: string, forwardedProto: string | undefined): StaticHeader[];
