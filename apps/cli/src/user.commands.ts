import * as readline from 'node:readline';
import { Command } from 'commander';
import { AppConfig } from '@rampart/config';
import { ROLES } from '@rampart/domain';
import { AuditService } from '@rampart/audit';
import { UserAdminService } from '@rampart/access';
import { audited, commandLine } from './cli-audit';
import { withServices } from './with-services';

type Say = (m: string) => void;

/**
 * The new password: the first line of stdin when piped (scripts), else asked for without echo.
 * Never an argument: arguments end up in shell history and process lists.
 */
async function readPassword(prompt: string): Promise<string> {
  const rl = readline.createInterface({
    input: process.stdin,
    output: process.stderr,
    terminal: process.stdin.isTTY,
  });
  if (process.stdin.isTTY) {
    process.stderr.write(prompt);
    // Hide what is typed: write nothing of the echo.
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined;
  }
  try {
    for await (const line of rl) return line;
    return '';
  } finally {
    if (process.stdin.isTTY) process.stderr.write('\n');
    rl.close();
  }
}

const orgsOf = (u: { organizationIds: string[] | null }) =>
  u.organizationIds ? `organisations ${u.organizationIds.join(', ')}` : 'every organisation';

/** An account change as the audit trail records it: the command line and the username, never the password. */
const userAdmin = (username: string, operation: string) => ({
  action: 'user:admin' as const,
  operation,
  target: username,
});

/** `rampart user add|list|passwd|disable`: accounts, from the same service as the API. */
export function registerUserCommands(program: Command, config: () => AppConfig, say: Say): void {
  const user = program.command('user').description('Sign-in accounts: add, list, passwd, disable');
  registerUserAdd(user, config, say);
  registerUserList(user, config, say);
  registerUserOrgs(user, config, say);
  registerUserPasswd(user, config, say);
  registerUserDisable(user, config, say);
}

/** `rampart user add`: creates an account with its roles, clearance, person and organisations. */
function registerUserAdd(user: Command, config: () => AppConfig, say: Say): void {
  user
    .command('add')
    .description('Create an account; the password is read from stdin (or asked for)')
    .argument('<username>')
    .requiredOption('--role <roles...>', `one or more of ${ROLES.join(', ')}`)
    .requiredOption('--clearance <level>', 'e.g. OFFICIAL, SECRET')
    .option('--person <personId>', 'the Person the account acts for (required for asset-owner)')
    .option('--org <ids...>', 'limit the account to these organisations (default: every organisation)')
    .action(
      async (username: string, o: { role: string[]; clearance: string; person?: string; org?: string[] }) => {
        const password = await readPassword(`Password for ${username}: `);
        await withServices(config(), say, async (app) => {
          const u = await audited(
            app.get(AuditService),
            userAdmin(
              username,
              commandLine(
                'user',
                'add',
                username,
                `--role=${o.role.join(',')}`,
                `--clearance=${o.clearance}`,
                o.person && `--person=${o.person}`,
                o.org && `--org=${o.org.join(',')}`,
              ),
            ),
            () =>
              app.get(UserAdminService).create({
                username,
                password,
                roles: o.role,
                clearance: o.clearance,
                personId: o.person ?? null,
                organizationIds: o.org ?? null,
              }),
          );
          say(`Created ${u.username} (${u.roles.join(', ')}; clearance ${u.clearance}; ${orgsOf(u)}).`);
        });
      },
    );
}

/** `rampart user list`: prints every account, one tab-separated line each. */
function registerUserList(user: Command, config: () => AppConfig, say: Say): void {
  user
    .command('list')
    .description('Every account: username, roles, clearance, person, organisations, disabled')
    .action(async () => {
      await withServices(config(), say, async (app) => {
        for (const u of await app.get(UserAdminService).list()) {
          const orgs = u.organizationIds?.join(',') ?? '*';
          process.stdout.write(
            `${u.username}\t${u.roles.join(',')}\t${u.clearance}\t${u.personId ?? '-'}\t${orgs}\t${u.disabled ? 'disabled' : 'active'}\n`,
          );
        }
      });
    });
}

/** `rampart user orgs`: limits an account to organisations, or lifts the limit. */
function registerUserOrgs(user: Command, config: () => AppConfig, say: Say): void {
  user
    .command('orgs')
    .description(
      'Limit an account to organisations (it sees nothing of the others), or with --all lift the limit',
    )
    .argument('<username>')
    .argument('[ids...]', 'organisation ids')
    .option('--all', 'every organisation (no limit)')
    .action(async (username: string, ids: string[], o: { all?: boolean }) => {
      if (Boolean(o.all) === ids.length > 0) {
        say('rampart user orgs: give organisation ids, or --all, not both.');
        process.exitCode = 1;
        return;
      }
      const organizationIds = o.all ? null : ids;
      await withServices(config(), say, async (app) => {
        const u = await audited(
          app.get(AuditService),
          userAdmin(username, commandLine('user', 'orgs', username, ...ids, o.all && '--all')),
          () => app.get(UserAdminService).update(username, { organizationIds }),
        );
        say(`${u.username} now sees ${orgsOf(u)}.`);
      });
    });
}

/** `rampart user passwd`: sets an account's password. */
function registerUserPasswd(user: Command, config: () => AppConfig, say: Say): void {
  user
    .command('passwd')
    .description("Set an account's password (read from stdin, or asked for); ends its sessions")
    .argument('<username>')
    .action(async (username: string) => {
      const password = await readPassword(`New password for ${username}: `);
      await withServices(config(), say, async (app) => {
        await audited(
          app.get(AuditService),
          userAdmin(username, commandLine('user', 'passwd', username)),
          () => app.get(UserAdminService).update(username, { password }),
        );
        say(`Password of ${username} changed; its sessions are signed out.`);
      });
    });
}

/** `rampart user disable`: disables an account. */
function registerUserDisable(user: Command, config: () => AppConfig, say: Say): void {
  user
    .command('disable')
    .description('Disable an account and sign out its sessions')
    .argument('<username>')
    .action(async (username: string) => {
      await withServices(config(), say, async (app) => {
        await audited(
          app.get(AuditService),
          userAdmin(username, commandLine('user', 'disable', username)),
          () => app.get(UserAdminService).disable(username),
        );
        say(`Disabled ${username}; its sessions are signed out.`);
      });
    });
}
