// Timing hooks for `bench/ttfb.ts --trace`: loaded into the `next start` process with
// NODE_OPTIONS=--import, they time each benchmark request (those carrying `x-bench-tag`) inside
// the server, without touching the app's code:
//   arrive       the server's "request" event (headers parsed)
//   fetchStart   the app calls fetch() for the upstream
//   fetchHeaders fetch() resolves (the upstream's response head arrived)
//   upstreamText the first upstream chunk carrying answer text reaches the app
//   commit       the first COMMIT after fetchStart (saveTurnStart's transaction)
//   firstWrite   the app writes its first body byte
// plus the database work done before fetchStart (statements, time) and the event loop's delay.
// Written as JSON to BENCH_TRACE_OUT when the process exits. Off unless loaded; a few µs a request.
import { AsyncLocalStorage } from "node:async_hooks";
import { writeFileSync } from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";

const out = process.env.BENCH_TRACE_OUT;
const als = new AsyncLocalStorage();
const records = [];
const loop = monitorEventLoopDelay({ resolution: 1 });
loop.enable();
const loopByTag = new Map();
let currentTag = null;

const CONTENT = /"content":"[^"]/;

const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function patchedEmit(event, req, res, ...rest) {
  const tag = event === "request" ? req?.headers?.["x-bench-tag"] : undefined;
  if (!tag) return emit.call(this, event, req, res, ...rest);
  if (tag !== currentTag) {
    // A new phase: keep the event loop's delay per phase.
    if (currentTag) loopByTag.set(currentTag, snapshot());
    loop.reset();
    currentTag = tag;
  }
  const rec = {
    tag,
    arrive: performance.now(),
    fetchStart: null,
    fetchHeaders: null,
    upstreamText: null,
    commit: null,
    firstWrite: null,
    end: null,
    preDbStatements: 0,
    preDbMs: 0,
    dbStatements: 0,
    dbMs: 0,
  };
  records.push(rec);
  const write = res.write;
  res.write = function patchedWrite(chunk, ...args) {
    if (rec.firstWrite === null && chunk && chunk.length > 0) rec.firstWrite = performance.now();
    return write.call(this, chunk, ...args);
  };
  const end = res.end;
  res.end = function patchedEnd(chunk, ...args) {
    const now = performance.now();
    if (rec.firstWrite === null && chunk && chunk.length > 0) rec.firstWrite = now;
    rec.end = now;
    return end.call(this, chunk, ...args);
  };
  return als.run(rec, () => emit.call(this, event, req, res, ...rest));
};

function snapshot() {
  return {
    p50: loop.percentile(50) / 1e6,
    p99: loop.percentile(99) / 1e6,
    max: loop.max / 1e6,
  };
}

// The upstream call: when it starts, and when the first answer text arrives.
const realFetch = globalThis.fetch;
globalThis.fetch = async function tracedFetch(input, init) {
  const rec = als.getStore();
  if (!rec || rec.fetchStart !== null) return realFetch(input, init);
  rec.fetchStart = performance.now();
  const response = await realFetch(input, init);
  rec.fetchHeaders = performance.now();
  if (!response.body) return response;
  const decoder = new TextDecoder();
  let seen = "";
  const tap = new TransformStream({
    transform(chunk, controller) {
      if (rec.upstreamText === null) {
        seen += decoder.decode(chunk, { stream: true });
        if (CONTENT.test(seen)) rec.upstreamText = performance.now();
      }
      controller.enqueue(chunk);
    },
  });
  return new Response(response.body.pipeThrough(tap), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
};

// Database statements: SQLite's are synchronous (they block the event loop for their duration);
// PostgreSQL's are timed from the call to the result (queueing for a connection not included).
function account(rec, ms, sql) {
  rec.dbStatements += 1;
  rec.dbMs += ms;
  if (rec.fetchStart === null) {
    rec.preDbStatements += 1;
    rec.preDbMs += ms;
  } else if (rec.commit === null && /^\s*COMMIT/i.test(sql)) {
    rec.commit = performance.now();
  }
}

const require = createRequire(`${process.cwd()}/package.json`);
try {
  const Database = require("better-sqlite3");
  const prepare = Database.prototype.prepare;
  const patched = new WeakSet();
  Database.prototype.prepare = function tracedPrepare(sql, ...args) {
    const rec = als.getStore();
    const started = performance.now();
    const stmt = prepare.call(this, sql, ...args);
    if (rec) account(rec, performance.now() - started, "");
    const proto = Object.getPrototypeOf(stmt);
    if (!patched.has(proto)) {
      patched.add(proto);
      for (const name of ["run", "all", "get"]) {
        const original = proto[name];
        proto[name] = function tracedRun(...a) {
          const r = als.getStore();
          if (!r) return original.apply(this, a);
          const t = performance.now();
          try {
            return original.apply(this, a);
          } finally {
            account(r, performance.now() - t, this.source ?? "");
          }
        };
      }
    }
    return stmt;
  };
} catch {
  // not installed
}
try {
  const pg = require("pg");
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function tracedQuery(config, ...args) {
    const rec = als.getStore();
    const result = query.call(this, config, ...args);
    if (!rec || !result || typeof result.then !== "function") return result;
    const started = performance.now();
    const sql = typeof config === "string" ? config : (config?.text ?? "");
    return result.then(
      (value) => {
        account(rec, performance.now() - started, sql);
        return value;
      },
      (error) => {
        account(rec, performance.now() - started, sql);
        throw error;
      },
    );
  };
} catch {
  // not installed
}

process.on("exit", () => {
  if (currentTag) loopByTag.set(currentTag, snapshot());
  if (out) writeFileSync(out, JSON.stringify({ records, loop: Object.fromEntries(loopByTag) }));
});
