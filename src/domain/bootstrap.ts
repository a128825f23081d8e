// First-start and every-start data: the permission catalogue, the built-in roles, and the first
// super-admin (created once; its password is generated when none is configured).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.ts';
import { hashPassword, randomPassword } from '../security/passwords.ts';
import type { PermissionsRepository } from './permissions/permissions.repository.ts';
import type { ModulePermissions } from './module.ts';
import { ADMIN_ROLE, permissionCatalogue } from './roles/catalogue.ts';
import type { RolesRepository } from './roles/roles.repository.ts';
import type { UsersRepository } from './users/users.repository.ts';

export interface BootstrapDeps {
  config: Config;
  users: UsersRepository;
  roles: RolesRepository;
  permissions: PermissionsRepository;
  /** Where a generated admin password is announced; never the structured log. */
  announce: (message: string) => void;
  /** The modules, whose permissions join the catalogue. */
  modules: readonly { permissions?: ModulePermissions }[];
}

export async function bootstrap(deps: BootstrapDeps): Promise<void> {
  const { config, users, roles, permissions } = deps;
  const catalogue = permissionCatalogue(deps.modules);
  // A permission seen for the first time (a new database, or a module added since the last start)
  // is granted to the built-in roles that hold it by default; grants an operator changed stay.
  const added = new Set(await permissions.ensure(catalogue.permissions));
  for (const builtIn of catalogue.roles) {
    const role = (await roles.findByName(builtIn.name)) ?? (await roles.create({ name: builtIn.name, description: builtIn.description, builtIn: true }));
    const grant = role.permissions.length === 0 ? builtIn.permissions : builtIn.permissions.filter((name) => added.has(name));
    if (grant.length) await roles.attachPermissions(role.id, (await permissions.findByNames(grant)).map((p) => p.id));
  }
  if ((await users.count()) > 0) {
    // The ICTPBX client logs in by e-mail only: a super-admin created before it had one gets it.
    const admin = await users.findByLogin(config.admin.username);
    if (admin && !admin.email && !(await users.emailTaken(config.admin.email))) await users.update(admin.id, { email: config.admin.email });
    return;
  }

  const adminRole = await roles.findByName(ADMIN_ROLE);
  const password = config.admin.password ?? randomPassword();
  await users.create({ username: config.admin.username, email: config.admin.email, passwordHash: await hashPassword(password), firstName: 'Administrator' }, [adminRole!.id]);
  if (!config.admin.password) {
    mkdirSync(config.dataDir, { recursive: true });
    const file = join(config.dataDir, 'initial-admin-password');
    writeFileSync(file, `${password}\n`, { mode: 0o600 });
    deps.announce(
      `\nSwitchyard created the super-admin "${config.admin.username}" (e-mail ${config.admin.email}) with the password:\n\n    ${password}\n\n` +
        `It is shown once and kept in ${file} (mode 0600). Change it after logging in.\n`,
    );
  }
}
