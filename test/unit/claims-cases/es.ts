import type { ClaimCase } from './types';

export const ES_CASE: ClaimCase = {
  lang: 'es',
  source: `El Gobierno aprobó el jueves un plan de ayudas de 500 millones de euros para los agricultores afectados por la sequía, según informó el Ministerio de Agricultura. El ministro Luis Planas dijo que los pagos no llegarán antes de septiembre. Unas 40.000 explotaciones podrían beneficiarse de la medida. Según la agencia EFE, las lluvias de marzo cayeron un 60% por debajo de la media. La sequía afecta ya a 1,5 millones de hectáreas de cultivo en Andalucía. La organización agraria COAG afirmó que el plan es insuficiente. Su portavoz, María Fernández, presentará una propuesta alternativa el 12 de mayo.`,
  clean: `Ayudas de 500 millones contra la sequía

El Ministerio de Agricultura informó de que el Gobierno dio luz verde el jueves a un paquete de 500 millones de euros destinado a los agricultores que sufren la sequía. Los pagos no llegarán antes de septiembre, dijo el ministro Luis Planas.

Alrededor de cuarenta mil explotaciones podrían acogerse a la medida. Las precipitaciones de marzo fueron un 60 % inferiores a la media, según la agencia EFE. En Andalucía, la falta de lluvia perjudica ya a 1,5 millones de hectáreas de cultivos.

Para la organización agraria COAG, el plan resulta insuficiente. María Fernández, portavoz de la COAG, presentará una alternativa el 12 de mayo.`,
  errors: [
    { change: 'negation', find: 'Los pagos no llegarán', replace: 'Los pagos llegarán' },
    { change: 'negation', find: 'explotaciones podrían acogerse', replace: 'explotaciones no podrían acogerse' },
    { change: 'certainty', find: 'explotaciones podrían acogerse', replace: 'explotaciones se acogerán' },
    { change: 'certainty', find: 'Alrededor de cuarenta mil', replace: 'Cuarenta mil' },
    { change: 'attribution', find: 'según la agencia EFE', replace: 'según la agencia Europa Press' },
    { change: 'attribution', find: 'El Ministerio de Agricultura informó', replace: 'El Ministerio de Economía informó' },
    { change: 'name-swap', find: 'dijo el ministro Luis Planas', replace: 'dijo María Fernández' },
    { change: 'name-swap', find: 'María Fernández, portavoz de la COAG, presentará', replace: 'Luis Planas, portavoz de la COAG, presentará' },
    { change: 'unit', find: '1,5 millones de hectáreas', replace: '1,5 millones de acres' },
    { change: 'date', find: 'el jueves', replace: 'el viernes' },
    { change: 'date', find: 'el 12 de mayo', replace: 'el 21 de mayo' },
    { change: 'date', find: 'antes de septiembre', replace: 'antes de octubre' },
    { change: 'figure', find: 'un paquete de 500 millones', replace: 'un paquete de 800 millones' },
    { change: 'figure', find: 'un 60 %', replace: 'un 40 %' },
    {
      change: 'invented',
      find: 'dijo el ministro Luis Planas.',
      replace: 'dijo el ministro Luis Planas. Los agricultores llevan meses reclamando una rebaja de impuestos que el Gobierno todavía rechaza.',
    },
    {
      change: 'invented',
      find: 'de cultivos.',
      replace: 'de cultivos. Las cooperativas temen que muchas pequeñas explotaciones tengan que cerrar este verano.',
    },
  ],
};
