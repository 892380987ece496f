/**
 * Text for a terminal, made inert: page, model and server text can hold escape sequences that recolour, retitle,
 * rewrite or hide what the terminal shows (or, on some terminals, write files or answer back). Everything the CLI
 * prints goes through a TerminalFilter unless `--raw`: CSI and OSC/DCS/PM/APC/SOS sequences (7- and 8-bit), other
 * escapes, C0 controls but for line feed and tab, DEL and C1 controls are dropped. The filter keeps its state from
 * one write to the next, so a sequence split across streamed pieces is dropped whole.
 */

type State = 'text' | 'esc' | 'escInter' | 'csi' | 'str' | 'strEsc';

/** A string sequence (OSC…) that never ends stops hiding text after this many characters. */
const MAX_STRING = 4096;

const ESC = 0x1b;
const BEL = 0x07;

export class TerminalFilter {
  private state: State = 'text';
  private held = 0;

  /** The printable part of `text`, given everything written before it. */
  write(text: string): string {
    let out = '';
    let from = 0;
    const keep = (to: number): void => {
      if (to > from) out += text.slice(from, to);
    };
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      switch (this.state) {
        case 'text': {
          const control = (c < 0x20 && c !== 0x0a && c !== 0x09) || (c >= 0x7f && c <= 0x9f);
          if (!control) continue;
          keep(i);
          from = i + 1;
          if (c === ESC) this.state = 'esc';
          else if (c === 0x9b) this.state = 'csi';
          else if (c === 0x9d || c === 0x90 || c === 0x98 || c === 0x9e || c === 0x9f) this.enterString();
          break;
        }
        case 'esc':
          if (c === 0x5b) this.state = 'csi';
          else if (c === 0x5d || c === 0x50 || c === 0x58 || c === 0x5e || c === 0x5f) this.enterString();
          else if (c >= 0x20 && c <= 0x2f) this.state = 'escInter';
          else if (c < 0x20 || c >= 0x7f) {
            // ESC and then a control (a line break): only the ESC goes.
            this.state = 'text';
            from = i;
            i--;
            break;
          } else this.state = 'text';
          from = i + 1;
          break;
        case 'escInter':
          if (!(c >= 0x20 && c <= 0x2f)) this.state = 'text';
          from = i + 1;
          break;
        case 'csi':
          if (c >= 0x20 && c <= 0x3f) {
            from = i + 1;
          } else if (c >= 0x40 && c <= 0x7e) {
            this.state = 'text';
            from = i + 1;
          } else {
            // Not a CSI after all (a line break, a letter from elsewhere): the sequence ends, this character counts.
            this.state = 'text';
            from = i;
            i--;
          }
          break;
        case 'str':
        case 'strEsc':
          from = i + 1;
          if (c === BEL || c === 0x9c || (this.state === 'strEsc' && c === 0x5c)) this.state = 'text';
          else this.state = c === ESC ? 'strEsc' : 'str';
          if (this.state !== 'text' && ++this.held > MAX_STRING) this.state = 'text';
          break;
      }
    }
    if (this.state === 'text') keep(text.length);
    return out;
  }

  private enterString(): void {
    this.state = 'str';
    this.held = 0;
  }
}

/** One text made inert at once (no state carried over). */
export function forTerminal(text: string): string {
  return new TerminalFilter().write(text);
}
