import type { ClaimCase } from './types';

export const FR_CASE: ClaimCase = {
  lang: 'fr',
  source: `Un incendie a ravagé mardi soir une usine de recyclage à Lyon, selon la préfecture du Rhône. Les flammes se sont propagées sur environ 2 000 mètres carrés et une épaisse fumée était visible à 10 kilomètres. Le maire de Lyon, Grégory Doucet, a déclaré que l'usine n'avait pas respecté plusieurs normes de sécurité. D'après Le Progrès, le propriétaire aurait ignoré trois avertissements en 2023. Quelque 80 pompiers ont été mobilisés pendant 12 heures. Aucun blessé n'a été signalé, mais les habitants du quartier ont été priés de fermer leurs fenêtres. La préfète Fabienne Buccio a annoncé qu'une enquête serait ouverte le 5 avril.`,
  clean: `Lyon : une usine de recyclage détruite par le feu

Mardi soir, un violent incendie a détruit une usine de recyclage lyonnaise, a indiqué la préfecture du Rhône. Le feu s'est étendu sur près de 2000 mètres carrés. La fumée, très dense, était visible à dix kilomètres à la ronde.

Selon le maire Grégory Doucet, l'établissement n'avait pas respecté plusieurs règles de sécurité. Le propriétaire aurait négligé trois mises en garde en 2023, rapporte Le Progrès. Environ quatre-vingts pompiers ont lutté contre les flammes pendant douze heures.

Personne n'a été blessé. Les riverains ont toutefois dû garder leurs fenêtres fermées. La préfète Fabienne Buccio a annoncé l'ouverture d'une enquête le 5 avril.`,
  errors: [
    { change: 'negation', find: "l'établissement n'avait pas respecté", replace: "l'établissement avait respecté" },
    {
      change: 'negation',
      find: 'Les riverains ont toutefois dû garder',
      replace: "Les riverains n'ont pas dû garder",
      knownMiss:
        'the clean sentence renders "ont été priés de fermer" loosely: a new "ne … pas" is compared only on a close paraphrase or on the word it denies',
    },
    { change: 'certainty', find: 'Le propriétaire aurait négligé', replace: 'Le propriétaire a négligé' },
    { change: 'certainty', find: 'sur près de 2000', replace: 'sur 2000' },
    { change: 'attribution', find: 'rapporte Le Progrès', replace: 'rapporte Le Monde' },
    { change: 'attribution', find: 'a indiqué la préfecture du Rhône', replace: 'a indiqué la gendarmerie' },
    { change: 'name-swap', find: 'Selon le maire Grégory Doucet', replace: 'Selon la préfète Fabienne Buccio' },
    { change: 'name-swap', find: 'La préfète Fabienne Buccio a annoncé', replace: 'Le maire Grégory Doucet a annoncé' },
    { change: 'unit', find: 'à dix kilomètres', replace: 'à dix miles' },
    { change: 'unit', find: 'pendant douze heures', replace: 'pendant douze jours' },
    { change: 'date', find: 'Mardi soir', replace: 'Mercredi soir' },
    { change: 'date', find: 'le 5 avril', replace: 'le 6 avril' },
    { change: 'date', find: 'en 2023', replace: 'en 2022' },
    { change: 'figure', find: 'Environ quatre-vingts pompiers', replace: 'Environ 120 pompiers' },
    { change: 'figure', find: 'trois mises en garde', replace: 'cinq mises en garde' },
    {
      change: 'invented',
      find: "Personne n'a été blessé.",
      replace: "Personne n'a été blessé. Les enquêteurs soupçonnent un acte criminel commis par d'anciens employés de l'entreprise.",
    },
    {
      change: 'invented',
      find: 'à la ronde.',
      replace: "à la ronde. L'entreprise avait déjà été condamnée pour des infractions similaires dans une autre région.",
    },
  ],
};
