/** Items per piece: small enough for each piece to stay an ordinary heap object. */
const PIECE = 8192;

/**
 * A list that a long text's scan appends to item by item, built in pieces and joined once at the end. A long
 * article's word or token list is a large heap object, and growing one push by push reallocates it again and again.
 */
export class PieceList<T> {
  private readonly pieces: T[][] = [];
  private last: T[] = [];

  push(item: T): void {
    if (this.last.length === PIECE) {
      this.pieces.push(this.last);
      this.last = [];
    }
    this.last.push(item);
  }

  /** All items, in order (the list itself when it never outgrew one piece). */
  toArray(): T[] {
    return this.pieces.length === 0 ? this.last : ([] as T[]).concat(...this.pieces, this.last);
  }
}
