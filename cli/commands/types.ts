/** What every command gets: its own arguments and the process's streams (injected, so tests can capture them). */
export interface CommandIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Reads all of standard input (for the `-` file name). */
  readStdin: () => Promise<Buffer>;
  /** True with `--raw`: text is printed as it is, escape sequences included (otherwise the streams are made inert). */
  raw?: boolean;
}

export interface Command {
  name: string;
  /** One line for `newsmith --help`. */
  summary: string;
  usage: string;
  /** Returns the exit code. */
  run: (args: string[], io: CommandIO) => Promise<number>;
}
