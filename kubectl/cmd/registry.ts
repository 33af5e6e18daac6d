/** The kubectl commands kube-scenario implements, with their flags. */
import type { Ctx } from '../context';
import type { FlagSpec, ParsedFlags } from '../flags';
import { cmdGet, GET_FLAGS } from './get';
import { cmdDescribe, DESCRIBE_FLAGS } from './describe';

export interface Command {
  flags?: FlagSpec[];
  run?: (ctx: Ctx, flags: ParsedFlags, commandPath: string) => void;
  subcommands?: Record<string, Command>;
  /** Printed (with exit status 1) when a command group is run without a subcommand. */
  help?: string;
}

export const COMMANDS: Record<string, Command> = {
  get: { flags: GET_FLAGS, run: cmdGet },
  describe: { flags: DESCRIBE_FLAGS, run: cmdDescribe },
};
