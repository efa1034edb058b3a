// The command line: divert serve | migrate | seed | user add | verify-audit | quarterly-return | backup | restore | upkeep.
import { runCommand } from './cli/runtime.js';
import { serve, SERVE_HELP } from './cli/serve.js';
import { migrateCommand, MIGRATE_HELP } from './cli/migrate.js';
import { seedCommand, SEED_HELP } from './cli/seed.js';
import { userAddCommand, USER_ADD_HELP } from './cli/user-add.js';
import { verifyAuditCommand, VERIFY_AUDIT_HELP } from './cli/verify-audit.js';
import { quarterlyReturnCommand, QUARTERLY_RETURN_HELP } from './cli/quarterly-return.js';
import { backupCommand, BACKUP_HELP } from './cli/backup.js';
import { restoreCommand, RESTORE_HELP } from './cli/restore.js';
import { upkeepCommand, UPKEEP_HELP } from './cli/upkeep.js';

const HELP = `Divert: case management for Liaison and Diversion services

Usage: divert COMMAND [options]

Commands:
  serve           start the web application (applies migrations; demo data on a first start)
  migrate         apply pending database migrations
  seed            load a demo data profile into an empty database
  user add        create an account with a role
  verify-audit    check the audit trail has not been tampered with
  quarterly-return  write a service's quarterly return into a folder (for cron)
  backup          write the whole database into one backup file
  restore         restore a backup file into an empty installation
  upkeep          vacuum and analyse the database now

Run divert COMMAND --help for a command's options.`;

const COMMANDS: Record<string, { help: string; run: (args: string[]) => Promise<number | void> }> = {
  serve: { help: SERVE_HELP, run: () => serve() },
  migrate: { help: MIGRATE_HELP, run: () => migrateCommand() },
  seed: { help: SEED_HELP, run: (args) => seedCommand(args) },
  'user add': { help: USER_ADD_HELP, run: (args) => userAddCommand(args) },
  'verify-audit': { help: VERIFY_AUDIT_HELP, run: () => verifyAuditCommand() },
  'quarterly-return': { help: QUARTERLY_RETURN_HELP, run: (args) => quarterlyReturnCommand(args) },
  backup: { help: BACKUP_HELP, run: (args) => backupCommand(args) },
  restore: { help: RESTORE_HELP, run: (args) => restoreCommand(args) },
  upkeep: { help: UPKEEP_HELP, run: (args) => upkeepCommand(args) },
};

const argv = process.argv.slice(2);
const name = argv[0] === 'user' ? `user ${argv[1] ?? ''}` : argv[0] ?? '';
const rest = argv.slice(name.split(' ').length);
const command = COMMANDS[name];

if (!command) {
  if (name && name !== '--help' && name !== 'help') {
    console.error(`divert: unknown command "${name.trim()}"\n`);
    process.exitCode = 1;
  }
  console.log(HELP);
} else if (rest.includes('--help') || rest.includes('-h')) {
  console.log(command.help);
} else {
  await runCommand(() => command.run(rest));
}
