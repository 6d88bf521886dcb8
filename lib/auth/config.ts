import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import { createUserWithWorkspace, findUserByEmail } from "@/lib/db/users";
import { CredentialsSchema, checkCredentials } from "./register";
import { endAllSessions, isSessionCurrent, sessionVersionOf } from "./session-version";
import { clientAddress, countSignInAttempt, signInSucceeded } from "./sign-in-throttle";
import { maySignUp } from "./signup";

type Provider = NextAuthConfig["providers"][number];

/** OAuth providers are on only when their variables are set (see the README's table). */
function oauthProviders(env = process.env): Provider[] {
  const providers: Provider[] = [];
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) providers.push(GitHub);
  if (env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET) providers.push(Google);
  if (env.AUTH_OIDC_ISSUER && env.AUTH_OIDC_ID && env.AUTH_OIDC_SECRET) {
    providers.push({
      id: "oidc",
      name: env.AUTH_OIDC_NAME ?? "Single sign-on",
      type: "oidc",
      issuer: env.AUTH_OIDC_ISSUER,
      clientId: env.AUTH_OIDC_ID,
      clientSecret: env.AUTH_OIDC_SECRET,
    });
  }
  return providers;
}

export function enabledOAuthProviders(): { id: string; name: string }[] {
  return oauthProviders().map((p) => {
    const config = typeof p === "function" ? p() : p;
    return { id: config.id, name: config.name };
  });
}

/** Refused without checking the password: too many failures (sign-in-throttle.ts). */
export class SignInThrottled extends CredentialsSignin {
  code = "throttled";
}

/** The right password for a disabled account: the sign-in form says the account is disabled. */
export class AccountDisabled extends CredentialsSignin {
  code = "account_disabled";
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  logger: {
    // A wrong password is an expected outcome, not a fault: no stack trace per failed sign-in.
    error(error) {
      if (error instanceof CredentialsSignin) return;
      console.error(`[auth][error] ${error.name}: ${error.message}`);
    },
  },
  session: { strategy: "jwt" },
  pages: { signIn: "/sign-in" },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw, request) {
        const parsed = CredentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        const address = clientAddress(request.headers);
        if (await countSignInAttempt(email, address)) throw new SignInThrottled();
        const check = await checkCredentials(email, password);
        if (!check.ok && check.reason !== "disabled") return null;
        // The right password: the failures counted so far are forgiven, disabled account or not.
        await signInSucceeded(email, address);
        if (!check.ok) throw new AccountDisabled();
        return { id: check.user.id, email: check.user.email, name: check.user.name };
      },
    }),
    ...oauthProviders(),
  ],
  events: {
    // Every way out (the sidebar's button, Auth.js' own sign-out route) ends the user's sessions,
    // so a copy of the cookie kept anywhere stops working too (session-version.ts).
    async signOut(message) {
      const userId = "token" in message ? message.token?.sub : undefined;
      if (userId) await endAllSessions(userId);
    },
  },
  callbacks: {
    // Runs at sign-in (with `user`) and on every request that reads the session.
    async jwt({ token, user, account }) {
      if (!user) {
        // A token from before the user's last "end all sessions" is signed out (session-version.ts).
        return token.sub && (await isSessionCurrent(token.sub, token.sv)) ? token : null;
      }
      // Without a database adapter, an OAuth sign-in is mapped to our own user by email here.
      if (account && account.provider !== "credentials" && user.email) {
        const email = user.email.toLowerCase();
        const existing = await findUserByEmail(email);
        if (existing?.disabledAt) return null;
        if (!existing && !(await maySignUp(email, "oauth"))) return null;
        const ours =
          existing ?? (await createUserWithWorkspace({ email, name: user.name ?? email, passwordHash: null }));
        token.sub = ours.id;
      }
      if (!token.sub) return null;
      token.sv = (await sessionVersionOf(token.sub, { fresh: true })) ?? 0;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
});
