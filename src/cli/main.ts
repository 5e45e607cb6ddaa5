// vk-extmem command line. Exit status: 0 ok, 1 findings (errors or failed expectations), 2 bad input or usage.
import { InputError } from '../core/errors.js';
import { UsageError } from './args.js';
import { runValidate, VALIDATE_HELP } from './validate.js';
import { runHandleTypes, HANDLE_TYPES_HELP } from './handle-types.js';
import { runRules, RULES_HELP } from './rules.js';
import { runDemo, DEMO_HELP } from './demo.js';
import { runProfile, PROFILE_HELP } from './profile.js';
import { runRun, RUN_HELP } from './run.js';
import { runResolve, RESOLVE_HELP } from './resolve.js';
import { runCrosscheck, CROSSCHECK_HELP } from './crosscheck.js';
import { runConform, CONFORM_HELP } from './conform.js';
import { runExplore, EXPLORE_HELP } from './explore.js';
import { version } from './tool.js';

const HELP = `vk-extmem ${version()}: an executable reference model of Vulkan external memory
(VK_KHR_external_memory_win32, VK_NV_external_memory_win32, fd and host-pointer handles).

Usage: vk-extmem COMMAND [options]

Commands:
  validate FILE...   check gfxreconstruct captures (JSON Lines) and scenario files against the valid usage rules
  run SCENARIO...    run scenarios on the mock backend (a simulated Windows + Vulkan world from a device profile)
  resolve [REQUEST]  what allocationSize, memory type, dedicated allocation and pNext chain an import needs, and why
  explore            serve the spec explorer (the model in the browser) on localhost and print its URL
  conform            judge a real driver against what the spec requires of it (capability, ownership, payload, …)
  crosscheck         run the scenario library on a real driver and on the model, and report every disagreement
  handle-types       print the handle-type catalogue (KHR and NV)
  rules              list the rules; --coverage compares them with the Vulkan registry
  demo               run the built-in scenario library on the mock backend
  profile            list, show, compare and capture device profiles (measured and illustrative)
  help [COMMAND]     show help for a command

Run "vk-extmem COMMAND --help" for the options of a command.`;

const COMMANDS: Record<string, { run: (argv: string[], out: NodeJS.WriteStream) => Promise<number>; help: string }> = {
  validate: { run: runValidate, help: VALIDATE_HELP },
  run: { run: runRun, help: RUN_HELP },
  resolve: { run: runResolve, help: RESOLVE_HELP },
  conform: { run: runConform, help: CONFORM_HELP },
  crosscheck: { run: runCrosscheck, help: CROSSCHECK_HELP },
  explore: { run: runExplore, help: EXPLORE_HELP },
  'handle-types': { run: runHandleTypes, help: HANDLE_TYPES_HELP },
  rules: { run: runRules, help: RULES_HELP },
  demo: { run: runDemo, help: DEMO_HELP },
  profile: { run: runProfile, help: PROFILE_HELP },
};

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  const out = process.stdout;
  if (!cmd || cmd === '--help' || cmd === '-h') { out.write(HELP + '\n'); return cmd ? 0 : 2; }
  if (cmd === '--version' || cmd === '-V') { out.write(version() + '\n'); return 0; }
  if (cmd === 'help') {
    const c = rest[0] ? COMMANDS[rest[0]] : undefined;
    out.write((c ? c.help : HELP) + '\n');
    return rest[0] && !c ? 2 : 0;
  }
  const command = COMMANDS[cmd];
  if (!command) {
    process.stderr.write(`vk-extmem: unknown command "${cmd}"\n\n${HELP}\n`);
    return 2;
  }
  try {
    return await command.run(rest, out);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`vk-extmem ${cmd}: ${e.message}\n`);
      return 2;
    }
    if (e instanceof InputError) {
      process.stderr.write(`vk-extmem ${cmd}: error: ${e.describe()}\n`);
      return 2;
    }
    const err = e as NodeJS.ErrnoException;
    if (err && err.code && typeof err.code === 'string') {
      process.stderr.write(`vk-extmem ${cmd}: ${err.message}\n`);
      return 2;
    }
    process.stderr.write(`vk-extmem ${cmd}: internal error: ${(e as Error)?.message ?? String(e)}\n`);
    return 70;
  }
}
