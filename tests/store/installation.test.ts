import { describe, expect, it } from "vitest";
import { verifyPassword } from "../../src/console/auth/password.ts";
import { createDataDir, useTestServices } from "../helpers.ts";

const services = useTestServices();
let instance: Awaited<ReturnType<typeof services.start>> | undefined;

describe("the first start", () => {
  it("creates the default school and an admin whose generated password is returned once and stored hashed", async () => {
    const dataDir = createDataDir();
    instance = await services.start({ dataDir, env: { ADMIN_PASSWORD: "" } });
    const generated = instance.service.seed.admin.generatedPassword!;
    expect(generated.length).toBeGreaterThanOrEqual(16);
    const admin = await instance.service.db.staffUser.findUniqueOrThrow({ where: { username: "admin" }, include: { schools: { include: { school: true } } } });
    expect(admin.role).toBe("admin");
    expect(admin.passwordHash).toMatch(/^scrypt\$/);
    expect(admin.passwordHash).not.toContain(generated);
    expect(await verifyPassword(generated, admin.passwordHash)).toBe(true);
    expect(admin.schools.map((s) => s.school.code)).toEqual(["demo"]);
    await instance.service.stop();

    instance = await services.start({ dataDir, env: { ADMIN_PASSWORD: "" } });
    expect(instance.service.seed.admin.generatedPassword).toBeUndefined();
    expect(await instance.service.db.school.count()).toBe(1);
    expect(await instance.service.db.staffUser.count()).toBe(1);
  });

  it("resets the admin password when ADMIN_PASSWORD changes, and writes it to the audit log", async () => {
    const dataDir = createDataDir();
    instance = await services.start({ dataDir });
    await instance.service.stop();
    instance = await services.start({ dataDir, env: { ADMIN_PASSWORD: "a brand new passphrase" } });
    const admin = await instance.service.db.staffUser.findUniqueOrThrow({ where: { username: "admin" } });
    expect(await verifyPassword("a brand new passphrase", admin.passwordHash)).toBe(true);
    expect(await verifyPassword("correct horse battery staple", admin.passwordHash)).toBe(false);
    expect(await instance.service.db.auditEntry.count({ where: { action: "staff.password_reset" } })).toBe(1);
  });
});
