import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";
import { mailConfigured } from "@/lib/mail";

export const metadata: Metadata = { title: "Forgot password" };

/** Only with SMTP configured: without mail, an admin makes the reset link (admin page or CLI). */
export default function ForgotPasswordPage() {
  if (!mailConfigured()) notFound();
  return (
    <>
      <div className="mb-6 space-y-1.5 text-center">
        <h1 className="text-xl font-semibold tracking-tight">Forgot your password?</h1>
        <p className="text-sm text-zinc-500 dark:text-zinc-400">We will email you a link to set a new one.</p>
      </div>
      <ForgotPasswordForm />
    </>
  );
}
