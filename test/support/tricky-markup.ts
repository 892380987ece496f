/** Markup where parsers disagree easily (implied tags, foreign content, raw text, unclosed elements), for the tests
 * that compare the Readability patch's helper with the innerHTML setter, on linkedom and in Chromium. */
export const TRICKY_MARKUP: readonly string[] = [
  '',
  'plain text &amp; entities &lt;b&gt; &nbsp;',
  '<p>one<p>two<li>three</li><table><td>cell</table>',
  '<img src="a.jpg" alt=\'x\' data-src=a.webp><br><input disabled>',
  '<!-- a comment --><svg viewBox="0 0 1 1"><path d="M0 0"/></svg><math><mi>x</mi></math>',
  '<script>var a = "</div>";</script><style>p > a { color: red }</style><textarea><b>not bold</b></textarea>',
  '<div><span>unclosed<em>nested</div>after',
  '<noscript><img src="b.png"></noscript><template><p>t</p></template>',
];
