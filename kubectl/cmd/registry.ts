/** The kubectl commands kube-scenario implements, with their flags. */
import type { Ctx } from '../context';
import type { FlagSpec, ParsedFlags } from '../flags';
import { cmdGet, GET_FLAGS } from './get';
import { cmdDescribe, DESCRIBE_FLAGS } from './describe';
import { DELETE_FLAGS, cmdDelete } from './delete';
import {
  HISTORY_FLAGS,
  PAUSE_FLAGS,
  ROLLOUT_HELP,
  STATUS_FLAGS,
  UNDO_FLAGS,
  cmdRolloutHistory,
  cmdRolloutPause,
  cmdRolloutRestart,
  cmdRolloutResume,
  cmdRolloutStatus,
  cmdRolloutUndo,
} from './rollout';
import { APPLY_FLAGS, CREATE_FLAGS, cmdApply, cmdCreate } from './apply';
import {
  CORDON_FLAGS,
  LABEL_FLAGS,
  PATCH_FLAGS,
  SCALE_FLAGS,
  SET_IMAGE_FLAGS,
  cmdAnnotate,
  cmdCordon,
  cmdLabel,
  cmdPatch,
  cmdScale,
  cmdSetImage,
  cmdUncordon,
} from './mutate';

export interface Command {
  flags?: FlagSpec[];
  run?: (ctx: Ctx, flags: ParsedFlags, commandPath: string) => void;
  subcommands?: Record<string, Command>;
  /** Printed (with exit status 1) when a command group is run without a subcommand. */
  help?: string;
}

const SET_HELP = `Configure application resources.

 These commands help you make changes to existing application resources.

Available Commands:
  image            Update the image of a pod template

Usage:
  kubectl set SUBCOMMAND [options]

Use "kubectl set <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const COMMANDS: Record<string, Command> = {
  get: { flags: GET_FLAGS, run: cmdGet },
  describe: { flags: DESCRIBE_FLAGS, run: cmdDescribe },
  apply: { flags: APPLY_FLAGS, run: cmdApply },
  create: { flags: CREATE_FLAGS, run: cmdCreate },
  scale: { flags: SCALE_FLAGS, run: cmdScale },
  set: {
    subcommands: { image: { flags: SET_IMAGE_FLAGS, run: cmdSetImage } },
    help: SET_HELP,
  },
  patch: { flags: PATCH_FLAGS, run: cmdPatch },
  delete: { flags: DELETE_FLAGS, run: cmdDelete },
  rollout: {
    help: ROLLOUT_HELP,
    subcommands: {
      status: { flags: STATUS_FLAGS, run: cmdRolloutStatus },
      history: { flags: HISTORY_FLAGS, run: cmdRolloutHistory },
      undo: { flags: UNDO_FLAGS, run: cmdRolloutUndo },
      pause: { flags: PAUSE_FLAGS, run: cmdRolloutPause },
      resume: { flags: PAUSE_FLAGS, run: cmdRolloutResume },
      restart: { flags: PAUSE_FLAGS, run: cmdRolloutRestart },
    },
  },
  label: { flags: LABEL_FLAGS, run: cmdLabel },
  annotate: { flags: LABEL_FLAGS, run: cmdAnnotate },
  cordon: { flags: CORDON_FLAGS, run: cmdCordon },
  uncordon: { flags: CORDON_FLAGS, run: cmdUncordon },
};
