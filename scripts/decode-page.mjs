/** Bytes → text for a stored corpus page: UTF-8, or the page's declared charset for the few pages whose bytes are not valid UTF-8. */
export function decodePage(buf) {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)/i.exec(buf.subarray(0, 4096).toString('latin1'));
    try {
      return new TextDecoder(m ? m[1] : 'windows-1252').decode(buf);
    } catch {
      return buf.toString('utf8');
    }
  }
}
