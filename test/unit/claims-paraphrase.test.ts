import { describe, expect, it } from 'vitest';
import { checkClaims } from '../../src/checks/claims';
import type { CheckLang } from '../../src/checks/lang';

/** The changed claims of one short pair, as [change, from, to]. */
const changes = (source: string, rewrite: string, lang: CheckLang): [string, string, string][] =>
  checkClaims(source, rewrite, { source: lang, rewrite: lang }).map((f) => [f.change ?? '', f.from ?? '', f.to ?? '']);
const kinds = (source: string, rewrite: string, lang: CheckLang): string[] => changes(source, rewrite, lang).map((c) => c[0]);

describe('claims: negation said another way', () => {
  it('takes a refusing verb and a "not" for the same negation, either way', () => {
    const s = 'A spokesperson for the Serious Fraud Office declined to comment on the cost of the trial.';
    expect(kinds(s, 'A spokesperson for the Serious Fraud Office would not comment on the cost of the trial.', 'en')).toEqual([]);
    expect(
      kinds(
        'Pellegrini evitó hablar de Europa tras el partido contra el Celta.',
        'Pellegrini no quiso hablar de Europa tras el partido contra el Celta.',
        'es',
      ),
    ).toEqual([]);
    expect(
      kinds(
        'Die Gewerkschaft lehnte eine Einschränkung des Streikrechts entschieden ab.',
        'Das Streikrecht will die Gewerkschaft keinesfalls und nicht einschränken.',
        'de',
      ),
    ).not.toContain('negation');
  });

  it('finds a refusal turned into a statement', () => {
    const s = 'Governor Andrew Bailey declined to say whether another interest rate cut was coming before the end of the year.';
    expect(kinds(s, 'Governor Andrew Bailey said another interest rate cut was coming before the end of the year.', 'en')).toContain('negation');
  });

  it('finds a word turned into its opposite by a prefix', () => {
    const s = 'Las asociaciones vecinales celebraron la decisión del pleno, aunque la consideran insuficiente para el barrio.';
    expect(kinds(s, 'Las asociaciones vecinales celebraron la decisión del pleno, y la consideran suficiente para el barrio.', 'es')).toContain('negation');
    const d = 'Für die nächste Sitzung im Dezember halten Analysten eine weitere Senkung der Zinsen für wahrscheinlich.';
    expect(kinds(d, 'Für die nächste Sitzung im Dezember halten Analysten eine weitere Senkung der Zinsen für unwahrscheinlich.', 'de')).toContain('negation');
  });

  it('reads "or not", "ne … que" and "none since" as no negation of their own', () => {
    const s = 'Les syndicats doivent consulter le personnel lundi avant de décider de la poursuite du mouvement de grève.';
    expect(kinds(s, 'Le personnel sera consulté lundi par les syndicats, qui décideront de la poursuite ou non du mouvement de grève.', 'fr')).toEqual([]);
    const f = 'Selon l’agence, le service ne compte plus que 4 médecins urgentistes titulaires sur les 11 postes prévus.';
    expect(kinds(f, 'Selon l’agence, seuls 4 des 11 postes prévus de médecins urgentistes titulaires du service sont pourvus.', 'fr')).toEqual([]);
    expect(
      kinds(
        'Aucun coureur français n’a remporté la course Paris-Nice depuis 2012.',
        'Le dernier succès d’un coureur français dans la course Paris-Nice remonte à 2012.',
        'fr',
      ),
    ).toEqual([]);
  });
});
