// Loaded into Portkey's gateway by bench/gateways.ts (`node --import`): on Node 20, the headers of
// a Response from fetch() are immutable, and Portkey edits them ("TypeError: immutable" on every
// request). The shim hands Portkey the same response, body streamed as it arrives, with headers
// it may edit.
const original = globalThis.fetch;
globalThis.fetch = async (...args) => {
  const response = await original(...args);
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers: new Headers(response.headers),
  });
};
