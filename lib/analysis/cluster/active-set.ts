/**
 * The clusters still open during agglomeration, kept as a doubly linked
 * list in ascending slot order. Removal is O(1) and a scan visits the open
 * slots in index order, which is what makes "lowest index wins" a
 * well-defined tie-breaking rule for every algorithm here.
 */
export class ActiveSet {
  private readonly next: Int32Array;
  private readonly prev: Int32Array;
  private head: number;
  private count: number;

  constructor(n: number) {
    this.next = new Int32Array(n);
    this.prev = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      this.next[i] = i + 1 < n ? i + 1 : -1;
      this.prev[i] = i - 1;
    }
    this.head = n > 0 ? 0 : -1;
    this.count = n;
  }

  get size(): number {
    return this.count;
  }

  /** The lowest open slot, or −1 when none is left. */
  get first(): number {
    return this.head;
  }

  /** The open slot after `i` in ascending order, or −1. */
  after(i: number): number {
    return this.next[i];
  }

  remove(i: number): void {
    const p = this.prev[i];
    const q = this.next[i];
    if (p >= 0) this.next[p] = q;
    else this.head = q;
    if (q >= 0) this.prev[q] = p;
    this.count--;
  }
}
