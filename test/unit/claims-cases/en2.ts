import type { ClaimCase } from './types';

export const EN2_CASE: ClaimCase = {
  lang: 'en',
  source: `The European Central Bank kept interest rates unchanged at 4% on Thursday, but President Christine Lagarde signalled that a cut could come in June. Inflation in the eurozone fell to 2.4% in March, according to Eurostat, down from 2.6% a month earlier. "We are not there yet," Lagarde told reporters in Frankfurt. Some economists had expected the bank to move as early as this week. Germany's finance minister, Christian Lindner, said lower rates would probably help struggling builders. The bank's next meeting is scheduled for June 6. Markets reacted calmly, and the euro was little changed at $1.07.`,
  clean: `ECB holds rates, hints at June cut

The European Central Bank left its key rate at 4 percent on Thursday. Its president, Christine Lagarde, indicated that borrowing costs could be lowered in June.

Eurostat figures showed eurozone inflation easing to 2.4 percent in March from 2.6 percent in February. Speaking to journalists in Frankfurt, Lagarde said: "We are not there yet."

A number of economists had expected a move this week already. Cheaper credit would probably support the ailing construction sector, said Christian Lindner, Germany's finance minister. Policymakers meet again on June 6. Investors took the decision in their stride, with the euro steady at $1.07.`,
  errors: [
    { change: 'certainty', find: 'borrowing costs could be lowered in June', replace: 'borrowing costs will be lowered in June' },
    { change: 'certainty', find: 'Cheaper credit would probably support', replace: 'Cheaper credit will support' },
    { change: 'attribution', find: 'Eurostat figures showed', replace: 'According to the IMF,' },
    { change: 'name-swap', find: 'said Christian Lindner, Germany', replace: 'said Christine Lagarde, Germany' },
    { change: 'date', find: 'meet again on June 6', replace: 'meet again on June 9' },
    { change: 'date', find: 'at 4 percent on Thursday', replace: 'at 4 percent on Friday' },
    { change: 'figure', find: 'easing to 2.4 percent', replace: 'easing to 2.1 percent' },
    {
      change: 'figure',
      find: 'steady at $1.07',
      replace: 'steady at $1.12',
      knownMiss: 'the figure was the one word this heavy paraphrase shared with its source: the sentence is matched with no source sentence',
    },
    {
      change: 'invented',
      find: 'this week already.',
      replace: 'this week already. Several governors argued that wage growth remained far too strong for an early cut.',
    },
  ],
};
