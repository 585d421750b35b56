import { generatePassword, hashPassword, verifyPassword } from "../console/auth/password.ts";
import { fingerprintOf, type Secrets } from "../privacy/secrets.ts";
import type { Db } from "./db.ts";

export class InstallationError extends Error {
  override name = "InstallationError";
}

/**
 * Refuses to run with secrets other than the ones this database was first used with: a different pseudonym
 * secret would silently give every student a new identity, a different key would make addresses unreadable.
 */
export async function checkSecretsMatchDatabase(db: Db, secrets: Secrets): Promise<void> {
  const expected: Array<[string, string, string]> = [
    ["pseudonym-secret-fingerprint", fingerprintOf(secrets.pseudonymSecret), "PSEUDONYM_SECRET"],
    ["encryption-key-fingerprint", fingerprintOf(secrets.encryptionKey), "ENCRYPTION_KEY"],
  ];
  for (const [key, value, variable] of expected) {
    const fact = await db.installationFact.findUnique({ where: { key } });
    if (!fact) await db.installationFact.create({ data: { key, value } });
    else if (fact.value !== value) {
      throw new InstallationError(
        `${variable} (or secrets.json in the data directory) is not the one this database was created with. ` +
          "Restore the original value; a new one would cut every student off from their history.",
      );
    }
  }
}

export type SeedResult = { schoolCreated: boolean; admin: { username: string; generatedPassword?: string; passwordReset?: boolean } };

/**
 * Makes sure the default school and an admin account exist. The admin password comes from ADMIN_PASSWORD,
 * or is generated on first start and returned once to be printed; it is never stored in the clear.
 */
export async function seedInstallation(
  db: Db,
  seed: { schoolCode: string; schoolName: string; adminUsername: string; adminPassword: string | undefined },
): Promise<SeedResult> {
  const existingSchool = await db.school.findUnique({ where: { code: seed.schoolCode } });
  const school = existingSchool ?? (await db.school.create({ data: { code: seed.schoolCode, name: seed.schoolName } }));

  const admin = await db.staffUser.findUnique({ where: { username: seed.adminUsername } });
  if (!admin) {
    const password = seed.adminPassword ?? generatePassword();
    await db.staffUser.create({
      data: {
        username: seed.adminUsername,
        displayName: "管理员",
        role: "admin",
        passwordHash: await hashPassword(password),
        schools: { create: { schoolId: school.id } },
      },
    });
    await db.auditEntry.create({ data: { actorType: "system", action: "staff.seeded", targetType: "staff", targetId: seed.adminUsername } });
    return {
      schoolCreated: !existingSchool,
      admin: { username: seed.adminUsername, ...(seed.adminPassword ? {} : { generatedPassword: password }) },
    };
  }
  // ADMIN_PASSWORD set to a new value resets the password: the way back in for a locked-out admin.
  if (seed.adminPassword !== undefined && !(await verifyPassword(seed.adminPassword, admin.passwordHash))) {
    await db.staffUser.update({ where: { id: admin.id }, data: { passwordHash: await hashPassword(seed.adminPassword) } });
    await db.auditEntry.create({ data: { actorType: "system", action: "staff.password_reset", targetType: "staff", targetId: admin.id } });
    return { schoolCreated: !existingSchool, admin: { username: admin.username, passwordReset: true } };
  }
  return { schoolCreated: !existingSchool, admin: { username: admin.username } };
}
