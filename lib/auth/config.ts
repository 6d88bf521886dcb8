import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import { createUserWithWorkspace, findUserByEmail } from "@/lib/db/users";
import { CredentialsSchema, checkCredentials } from "./register";
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

/** The right password for a disabled account: the sign-in form says the account is disabled. */
export class AccountDisabled extends CredentialsSignin {
  code = "account_disabled";
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  session: { strategy: "jwt" },
  pages: { signIn: "/sign-in" },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw) {
        const parsed = CredentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const check = await checkCredentials(parsed.data.email, parsed.data.password);
        if (check.ok) return { id: check.user.id, email: check.user.email, name: check.user.name };
        if (check.reason === "disabled") throw new AccountDisabled();
        return null;
      },
    }),
    ...oauthProviders(),
  ],
  callbacks: {
    // Without a database adapter, an OAuth sign-in is mapped to our own user by email here.
    async jwt({ token, user, account }) {
      if (account && account.provider !== "credentials" && user?.email) {
        const email = user.email.toLowerCase();
        const existing = await findUserByEmail(email);
        if (existing?.disabledAt) return null;
        if (!existing && !(await maySignUp(email, "oauth"))) return null;
        const ours =
          existing ?? (await createUserWithWorkspace({ email, name: user.name ?? email, passwordHash: null }));
        token.sub = ours.id;
      }
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
});
