/**
 * `npm run admin -- <command>`: the operators' command line (users, API keys, plans, quotas,
 * usage). Loads .env.local / .env like scripts/run.ts, applies pending migrations, then runs one
 * command. Bad input exits 1 with a one-line error on stderr, never a stack trace.
 *
 * `keys create` prints the new key ALONE on stdout so scripts can capture it:
 *   KEY=$(npm run -s admin -- keys create --email a@b.c --name ci)
 */
import { existsSync } from "node:fs";
import { createResetLinkForEmail } from "../lib/account/password-reset";
import { createKeyForEmail, listKeysForEmail, revokeKeyById } from "../lib/admin/keys";
import { type QuotaSummary, setPlan, setQuotas, usageFor } from "../lib/admin/quotas";
import { createUser, listUsers } from "../lib/admin/users";
import { DEFAULT_DATABASE_URL, migrateDatabase } from "../lib/db/migrate";
import { AppError } from "../lib/errors";

const USAGE = `Usage: npm run admin -- <command> [options]

Users
  users create --email E --name N [--password P] [--admin]
                                  Create a user and their personal workspace. Without
                                  --password one is generated and printed once.
  users list                      List all users.
  users reset-password --email E [--base-url URL]
                                  Make a one-time password reset link (24 hours) and print it
                                  alone on stdout. The link starts with --base-url, else
                                  AUTH_URL, else http://localhost:$PORT.

API keys (in the user's personal workspace)
  keys create --email E --name N [--expires-days D]
                                  Create a key; prints the key alone on stdout (shown once):
                                  KEY=$(npm run -s admin -- keys create --email E --name N)
  keys list --email E             List the user's keys (never the keys themselves).
  keys revoke --id ID             Revoke a key; it fails within a second everywhere.

Plans and quotas (of the user's personal workspace)
  plan set --email E --plan trial|core|enterprise|self-hosted
  quota set --email E --tokens N|plan
                                  Monthly token quota of the workspace ("plan": the plan's).
  quota set --email E --member-tokens N|none
                                  The user's own monthly cap in the workspace.
  usage show --email E            Plan, monthly limit, tokens used/reserved/remaining this month.

Options
  -h, --help                      Show this help.

Reads DATABASE_URL from the environment, .env.local or .env (default file:./data/spj.db) and
applies pending migrations first.`;

class UsageError extends Error {}

type Flags = Record<string, string | true>;

interface CommandSpec {
  /** Flags that take a value. */
  values: string[];
  /** Flags without a value. */
  switches?: string[];
  run: (flags: Flags) => Promise<void>;
}

function parseFlags(command: string, args: string[], spec: CommandSpec): Flags {
  const flags: Flags = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const match = /^--([a-z][a-z-]*)(?:=(.*))?$/s.exec(arg);
    if (!match) throw new UsageError(`Unexpected argument "${arg}" for "${command}" (see --help)`);
    const [, name = "", inline] = match;
    if (name in flags) throw new UsageError(`--${name} given twice`);
    if (spec.switches?.includes(name)) {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      flags[name] = true;
    } else if (spec.values.includes(name)) {
      const value = inline ?? args[++i];
      if (value === undefined || (inline === undefined && value.startsWith("--"))) {
        throw new UsageError(`--${name} needs a value`);
      }
      flags[name] = value;
    } else {
      throw new UsageError(`Unknown option --${name} for "${command}" (see --help)`);
    }
  }
  return flags;
}

function required(flags: Flags, name: string): string {
  const value = flags[name];
  if (typeof value !== "string") throw new UsageError(`--${name} is required`);
  return value;
}

function optional(flags: Flags, name: string): string | undefined {
  const value = flags[name];
  return typeof value === "string" ? value : undefined;
}

const out = (line = ""): void => {
  process.stdout.write(`${line}\n`);
};
const info = (line = ""): void => {
  process.stderr.write(`${line}\n`);
};

const when = (date: Date | string | null, none = "never") =>
  date ? `${new Date(date).toISOString().slice(0, 16).replace("T", " ")} UTC` : none;
const tokens = (n: number) => n.toLocaleString("en-US");

/** Left-aligned columns, two spaces apart. */
function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}

function printQuota(s: QuotaSummary): void {
  out(`${s.email}: plan ${s.plan} (${s.planName})`);
  out(
    `  monthly limit:   ${tokens(s.monthlyLimit)} tokens${s.tokenQuota === null ? " (the plan's)" : " (workspace quota)"}`,
  );
  out(`  member cap:      ${s.memberTokenQuota === null ? "none" : `${tokens(s.memberTokenQuota)} tokens`}`);
}

const COMMANDS: Record<string, CommandSpec> = {
  "users create": {
    values: ["email", "name", "password"],
    switches: ["admin"],
    run: async (flags) => {
      const created = await createUser({
        email: required(flags, "email"),
        name: required(flags, "name"),
        password: optional(flags, "password"),
        admin: flags.admin === true,
      });
      out(`Created ${created.user.role === "ADMIN" ? "admin" : "user"} ${created.user.email} (id ${created.user.id})`);
      if (created.generatedPassword) {
        out(`Password: ${created.generatedPassword}`);
        out("It is shown only this once; pass it on securely.");
      }
    },
  },
  "users list": {
    values: [],
    run: async () => {
      const users = await listUsers();
      if (users.length === 0) return out("No users yet.");
      out(
        table(
          ["EMAIL", "NAME", "ROLE", "PLAN", "STATUS", "CREATED", "ID"],
          users.map((u) => [
            u.email,
            u.name,
            u.role,
            u.plan ?? "-",
            u.disabledAt ? "disabled" : "active",
            when(u.createdAt),
            u.id,
          ]),
        ),
      );
    },
  },
  "users reset-password": {
    values: ["email", "base-url"],
    run: async (flags) => {
      const link = await createResetLinkForEmail(required(flags, "email"), siteOrigin(optional(flags, "base-url")));
      out(link.url);
      info(`One-time reset link for ${link.email}, works until ${when(link.expiresAt)}. Earlier links stop working.`);
    },
  },
  "keys create": {
    values: ["email", "name", "expires-days"],
    run: async (flags) => {
      const created = await createKeyForEmail(required(flags, "email"), {
        name: required(flags, "name"),
        expiresInDays: optional(flags, "expires-days"),
      });
      // The key alone on stdout; everything else on stderr.
      out(created.key);
      info(
        `Created API key "${created.view.name}" (id ${created.view.id}) for ${created.email}, ` +
          `expires ${when(created.view.expiresAt)}. It is shown only this once.`,
      );
    },
  },
  "keys list": {
    values: ["email"],
    run: async (flags) => {
      const keys = await listKeysForEmail(required(flags, "email"));
      if (keys.length === 0) return out("No API keys.");
      out(
        table(
          ["NAME", "ID", "KEY", "CREATED", "LAST USED", "EXPIRES", "REVOKED", "STATUS"],
          keys.map((k) => [
            k.name,
            k.id,
            k.display,
            when(k.createdAt),
            when(k.lastUsedAt),
            when(k.expiresAt),
            when(k.revokedAt, "-"),
            k.status,
          ]),
        ),
      );
    },
  },
  "keys revoke": {
    values: ["id"],
    run: async (flags) => {
      const result = await revokeKeyById(required(flags, "id"));
      out(
        result.alreadyRevoked
          ? `API key "${result.name}" (${result.id}) of ${result.email} was already revoked.`
          : `Revoked API key "${result.name}" (${result.id}) of ${result.email}.`,
      );
    },
  },
  "plan set": {
    values: ["email", "plan"],
    run: async (flags) => printQuota(await setPlan(required(flags, "email"), required(flags, "plan"))),
  },
  "quota set": {
    values: ["email", "tokens", "member-tokens"],
    run: async (flags) => {
      const email = required(flags, "email");
      const quotas = { tokens: optional(flags, "tokens"), memberTokens: optional(flags, "member-tokens") };
      if (quotas.tokens === undefined && quotas.memberTokens === undefined) {
        throw new UsageError("quota set needs --tokens N|plan or --member-tokens N|none");
      }
      printQuota(await setQuotas(email, quotas));
    },
  },
  "usage show": {
    values: ["email"],
    run: async (flags) => {
      const u = await usageFor(required(flags, "email"));
      printQuota(u);
      out(`  this month (${u.period}, UTC):`);
      out(`    used:          ${tokens(u.used)}`);
      out(`    reserved:      ${tokens(u.reserved)}`);
      out(`    remaining:     ${tokens(u.remaining)}`);
      if (u.member) {
        out(`  member's own cap this month:`);
        out(`    used:          ${tokens(u.member.used)}`);
        out(`    reserved:      ${tokens(u.member.reserved)}`);
        out(`    remaining:     ${tokens(u.member.remaining)}`);
      }
    },
  },
};

/** Where people reach the app, for links printed here. */
function siteOrigin(flag: string | undefined): string {
  const given = flag ?? process.env.AUTH_URL;
  if (!given) return `http://localhost:${process.env.PORT || 3000}`;
  try {
    return new URL(given).origin;
  } catch {
    throw new UsageError(`--base-url must be a URL like https://chat.example.com, not "${given}"`);
  }
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n").find((line) => line.trim()) ?? "unknown error";
}

async function main(argv: string[]): Promise<number> {
  if (argv.length === 0) {
    info(USAGE);
    return 1;
  }
  if (argv.includes("--help") || argv.includes("-h") || argv[0] === "help") {
    out(USAGE);
    return 0;
  }
  const command = argv.slice(0, 2).join(" ");
  const spec = COMMANDS[command];
  if (!spec) throw new UsageError(`Unknown command "${command}" (see --help)`);
  const flags = parseFlags(command, argv.slice(2), spec);

  for (const file of [".env.local", ".env"]) {
    if (existsSync(file)) process.loadEnvFile(file);
  }
  const applied = await migrateDatabase(process.env.DATABASE_URL || DEFAULT_DATABASE_URL);
  if (applied.length) info(`Applied migrations: ${applied.join(", ")}`);

  await spec.run(flags);
  return 0;
}

let code: number;
try {
  code = await main(process.argv.slice(2));
} catch (error) {
  // Typed and usage errors carry their own message; anything else is shown as its first line only.
  const known = error instanceof AppError || error instanceof UsageError;
  info(`admin: ${known ? (error as Error).message : `failed: ${oneLine(error)}`}`);
  code = 1;
}
// An open PostgreSQL pool would keep node alive for seconds: leave now that the output is written.
process.exit(code);
