import { db } from "./client";

/** Install-wide settings (the Setting table): plain key/value strings, validated in lib/. */

export async function readSetting(key: string): Promise<string | null> {
  const row = await db().setting.findUnique({ where: { key }, select: { value: true } });
  return row?.value ?? null;
}

export async function writeSetting(key: string, value: string): Promise<void> {
  await db().setting.upsert({ where: { key }, create: { key, value }, update: { value } });
}
