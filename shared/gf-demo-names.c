/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-demo-private.h"

#include "gf-date.h"

#include <string.h>

/* The demo town: the lists its people are drawn from, and everything that is not a family
 * (settings, staff, establishments, services and tariffs, calendar, reservation periods,
 * authorization and document types, the announcement, the billing runs). */

#define N(array) const guint _gf_demo_n_##array = G_N_ELEMENTS (_gf_demo_##array)

const char * const _gf_demo_last_names[] = {
  "MARTIN", "BERNARD", "THOMAS", "PETIT", "ROBERT", "RICHARD", "DURAND", "DUBOIS", "MOREAU",
  "LAURENT", "SIMON", "MICHEL", "LEFEBVRE", "LEROY", "ROUX", "DAVID", "BERTRAND", "MOREL",
  "FOURNIER", "GIRARD", "BONNET", "DUPONT", "LAMBERT", "FONTAINE", "ROUSSEAU", "VINCENT",
  "MULLER", "LEFÈVRE", "FAURE", "ANDRÉ", "MERCIER", "BLANC", "GUÉRIN", "BOYER", "GARNIER",
  "CHEVALIER", "FRANÇOIS", "LEGRAND", "GAUTHIER", "GARCIA", "PERRIN", "ROBIN", "CLÉMENT",
  "MORIN", "NICOLAS", "HENRY", "ROUSSEL", "MATHIEU", "GAUTIER", "MASSON", "MARCHAND", "DUVAL",
  "DENIS", "DUMONT", "MARIE", "LEMAIRE", "NOËL", "MEYER", "DUFOUR", "MEUNIER", "BRUN",
  "BLANCHARD", "GIRAUD", "JOLY", "RIVIÈRE", "LUCAS", "BRUNET", "GAILLARD", "BARBIER", "ARNAUD",
  "MARTINEZ", "GÉRARD", "ROCHE", "RENARD", "SCHMITT", "ROY", "LEROUX", "COLIN", "VIDAL",
  "CARON", "PICARD", "ROGER", "FABRE", "AUBERT", "LEMOINE", "RENAUD", "DUMAS", "LACROIX",
  "OLIVIER", "PHILIPPE", "BOURGEOIS", "PIERRE", "BENOÎT", "REY", "LECLERC", "PAYET", "ROLLAND",
  "LECLERCQ", "GUILLAUME", "LECOMTE", "LOPEZ", "JEAN", "DUPUY", "GUILLOT", "HUBERT", "BERGER",
  "CARPENTIER", "SANCHEZ", "DUPUIS", "MOULIN", "LOUIS", "DESCHAMPS", "HUET", "VASSEUR", "PEREZ",
  "BOUCHER", "FLEURY", "ROYER", "KLEIN", "JACQUET", "ADAM", "PARIS", "POIRIER", "MARTY",
  "AUBRY", "GUYOT", "CARRÉ", "CHARLES", "RENAULT", "CHARPENTIER", "MÉNARD", "MAILLARD",
  "BARON", "BERTIN", "BAILLY", "HERVÉ", "SCHNEIDER", "FERNANDEZ", "LE GALL", "COLLET", "LÉGER",
  "BOUVIER", "JULIEN", "PRÉVOST", "MILLET", "PERROT", "DANIEL", "LE ROUX", "COUSIN", "GERMAIN",
  "BRETON", "BESSON", "LANGLOIS", "RÉMY", "LE GOFF", "PELLETIER", "LÉVÊQUE", "PERRIER",
  "LEBLANC", "BARRÉ", "LEBRUN", "MARCHAL", "WEBER", "MALLET", "HAMON", "BOULANGER", "JACOB",
  "MONNIER", "MICHAUD", "RODRIGUEZ", "GUICHARD", "GILLET", "ÉTIENNE", "GRONDIN", "POULAIN",
  "TESSIER", "CHAUVIN", "DA SILVA", "BOUCHET", "GAY", "LEMAÎTRE", "HUMBERT", "REYNAUD",
  "ANTOINE", "PERRET", "BARTHÉLEMY", "CORDIER", "PICHON", "LEJEUNE", "GILBERT", "LAMY",
  "DELAUNAY", "PASQUIER", "CARLIER", "LAPORTE", "BENALI", "HADDAD", "NGUYEN", "DIALLO",
  "TRAORÉ", "MENDES", "FERREIRA", "BOUZID", "KONATÉ", "CHÉRIF", "YILMAZ", "SAÏDI", "N'DIAYE",
  "BENSAÏD", "OLIVEIRA", "TRAN", "KACI", "MEDJAHED", "SANTOS", "ÖZTÜRK",
};
N (last_names);

const char * const _gf_demo_women[] = {
  "Marie", "Sophie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Valérie", "Christine",
  "Sandrine", "Stéphanie", "Céline", "Aurélie", "Julie", "Émilie", "Caroline", "Virginie",
  "Laetitia", "Karine", "Audrey", "Élodie", "Mélanie", "Delphine", "Amandine", "Laure", "Hélène",
  "Anne", "Claire", "Camille", "Pauline", "Charlotte", "Lucie", "Marion", "Laura", "Sarah",
  "Manon", "Anaïs", "Chloé", "Mathilde", "Élise", "Estelle", "Fanny", "Jennifer", "Jessica",
  "Vanessa", "Cécile", "Agnès", "Florence", "Véronique", "Corinne", "Patricia", "Nadia",
  "Samira", "Fatima", "Leïla", "Yasmina", "Amina", "Karima", "Sonia", "Myriam", "Nora", "Aïcha",
  "Malika", "Rachida", "Ophélie", "Marine", "Morgane", "Justine", "Alexandra", "Gaëlle",
  "Magali", "Séverine", "Coralie", "Adeline", "Aline", "Bérénice", "Carole", "Clémence",
  "Coline", "Déborah", "Diane", "Emmanuelle", "Eva", "Fabienne", "Géraldine", "Ingrid", "Jeanne",
  "Johanna", "Juliette", "Léa", "Lise", "Louise", "Lydie", "Marina", "Mélissa", "Noémie",
  "Océane", "Perrine", "Rebecca", "Sabrina", "Solène", "Tiphaine", "Valentine", "Zoé", "Elsa",
  "Anne-Sophie", "Marie-Laure", "Linh", "Mariana",
};
N (women);

const char * const _gf_demo_men[] = {
  "Pierre", "Nicolas", "Julien", "Sébastien", "Thomas", "Guillaume", "Christophe", "Mathieu",
  "Stéphane", "David", "Frédéric", "Olivier", "Laurent", "Jérôme", "Vincent", "Cédric",
  "Fabrice", "Éric", "Philippe", "Franck", "Alexandre", "Romain", "Antoine", "Benjamin",
  "Maxime", "Jonathan", "Florian", "Kévin", "Anthony", "Jérémy", "Arnaud", "Damien", "Grégory",
  "Yannick", "Ludovic", "Mickaël", "Benoît", "Bruno", "Emmanuel", "Hervé", "Patrick", "Thierry",
  "Xavier", "Yann", "Loïc", "Raphaël", "Adrien", "Aurélien", "Bastien", "Clément", "Cyril",
  "Fabien", "François", "Gaël", "Hugo", "Jean", "Jean-Baptiste", "Jean-François", "Joël",
  "Karim", "Mehdi", "Mohamed", "Rachid", "Samir", "Sofiane", "Youssef", "Nabil", "Hakim",
  "Farid", "Malik", "Lucas", "Louis", "Marc", "Martin", "Matthieu", "Maxence", "Michaël", "Paul",
  "Quentin", "Rémi", "Renaud", "Richard", "Robin", "Samuel", "Simon", "Sylvain", "Thibault",
  "Tristan", "Valentin", "Victor", "Vivien", "William", "Yohan", "Yves", "Alain", "Denis",
  "Gilles", "Pascal", "Régis", "Serge", "Teddy", "Arthur", "Baptiste", "Dylan", "Gaëtan",
  "Jordan", "Moussa", "Ibrahima",
};
N (men);

const char * const _gf_demo_girls[] = {
  "Emma", "Jade", "Louise", "Alice", "Chloé", "Lina", "Léa", "Rose", "Anna", "Mila", "Inès",
  "Ambre", "Julia", "Mia", "Léna", "Manon", "Juliette", "Lou", "Zoé", "Camille", "Lola",
  "Agathe", "Jeanne", "Lucie", "Éva", "Nina", "Sarah", "Romane", "Inaya", "Charlotte", "Léonie",
  "Romy", "Adèle", "Iris", "Louna", "Sofia", "Margaux", "Luna", "Victoire", "Alix", "Clémence",
  "Capucine", "Gabrielle", "Olivia", "Victoria", "Giulia", "Apolline", "Héloïse", "Elena",
  "Margot", "Mathilde", "Elsa", "Valentine", "Maëlys", "Lise", "Nour", "Yasmine", "Maya", "Assia",
  "Lya", "Emy", "Théa", "Lyna", "Aya", "Salomé", "Candice", "Albane", "Louisa", "Livia",
  "Céleste", "Joséphine", "Constance", "Daphné", "Ella", "Hanna", "Kenza", "Lana", "Madeleine",
  "Mélina", "Noa", "Océane", "Paloma", "Rania", "Soline", "Suzanne", "Thaïs", "Tess",
  "Valentina", "Zélie", "Anaëlle", "Alma", "Amira", "Ava", "Bianca", "Clara", "Diane", "Élise",
  "Emmy", "Faustine", "Garance", "Hortense", "Léana", "Lilou", "Maëlle", "Malak", "Maria",
  "Maryam", "Nora", "Philippine",
};
N (girls);

const char * const _gf_demo_boys[] = {
  "Gabriel", "Léo", "Raphaël", "Arthur", "Louis", "Jules", "Adam", "Maël", "Lucas", "Hugo",
  "Noah", "Liam", "Gabin", "Sacha", "Paul", "Nathan", "Aaron", "Mohamed", "Ethan", "Tom",
  "Léon", "Théo", "Noé", "Timéo", "Martin", "Nolan", "Marius", "Isaac", "Eden", "Naël",
  "Victor", "Mathis", "Tiago", "Axel", "Robin", "Valentin", "Enzo", "Ayden", "Malo", "Samuel",
  "Rayan", "Clément", "Amir", "Côme", "Antoine", "Maxime", "Baptiste", "Milo", "Alexandre",
  "Augustin", "Simon", "Ibrahim", "Yanis", "Kaïs", "Léandre", "Charles", "Mathéo", "Gaspard",
  "Marceau", "Elio", "Lenny", "Kylian", "Evan", "Lino", "Ilyes", "Owen", "Oscar", "Esteban",
  "Thomas", "Maxence", "Youssef", "Ilyan", "Soan", "Wassim", "Ismaël", "Adrien", "Armand",
  "Basile", "Benjamin", "Bastien", "Célestin", "Daniel", "Elias", "Émile", "Félix", "Florian",
  "Gaël", "Hippolyte", "Joseph", "Kenzo", "Lorenzo", "Louka", "Lyam", "Matteo", "Mehdi",
  "Nathanaël", "Noam", "Pablo", "Quentin", "Rafael", "Sami", "Tristan", "Ulysse", "Warren",
  "Zayn", "Aurélien", "Eliott", "Lucien",
};
N (boys);

const char * const _gf_demo_streets[] = {
  "rue Victor Hugo", "avenue Jean Jaurès", "rue de la République", "boulevard Pinel",
  "rue Pasteur", "avenue Franklin Roosevelt", "rue du Général de Gaulle", "rue Jean Moulin",
  "rue des Lilas", "allée des Tilleuls", "rue Paul Bert", "avenue Camille Rousset",
  "rue Marcel Bramet", "rue Édouard Herriot", "chemin des Charmilles", "rue de la Paix",
  "impasse des Acacias", "rue Louis Pergaud", "rue Guynemer", "avenue du 8 Mai 1945",
  "rue Anatole France", "rue Émile Zola", "rue Voltaire", "rue Jules Ferry", "rue de la Liberté",
  "rue des Roses", "rue Lionel Terray", "avenue Pierre Brossolette", "rue Gambetta",
  "rue Sadi Carnot", "rue Albert Camus", "rue des Érables", "rue du Stade", "rue de l'Église",
  "rue des Écoles", "allée des Peupliers", "rue Ferdinand Buisson", "rue Danton",
  "rue Hector Berlioz", "rue Maurice Ravel", "rue Claude Debussy", "avenue de l'Europe",
  "rue Berthelot", "rue Marie Curie", "rue Lamartine", "rue Alfred de Musset",
  "rue Honoré de Balzac", "chemin du Moulin", "rue des Jardins", "allée des Cerisiers",
  "rue Georges Brassens", "rue Jacques Prévert", "rue Antoine de Saint-Exupéry",
  "rue Roger Salengro", "rue Charles Péguy", "rue de Verdun", "boulevard de l'Est",
  "avenue Salvador Allende", "rue du Docteur Roux", "place de la Liberté",
};
N (streets);

/* Bron and its neighbours, with their real postal codes. */
const GfDemoTown _gf_demo_towns[] = {
  { "Bron", "69500", 62 },
  { "Villeurbanne", "69100", 9 },
  { "Vaulx-en-Velin", "69120", 7 },
  { "Saint-Priest", "69800", 7 },
  { "Lyon", "69008", 6 },
  { "Décines-Charpieu", "69150", 5 },
  { "Chassieu", "69680", 4 },
};
N (towns);

const GfDemoBank _gf_demo_banks[] = {
  { "30002", "LCL", "CRLYFRPP" },
  { "30003", "Société Générale", "SOGEFRPP" },
  { "30004", "BNP Paribas", "BNPAFRPP" },
  { "17806", "Crédit Agricole Centre-Est", "AGRIFRPP878" },
  { "20041", "La Banque Postale", "PSSTFRPPLYO" },
  { "10096", "CIC Lyonnaise de Banque", "CMCIFRPP" },
  { "16807", "Banque Populaire Auvergne Rhône Alpes", "CCBPFRPPLYO" },
  { "13825", "Caisse d'Épargne Rhône Alpes", "CEPAFRPP382" },
  { "10278", "Crédit Mutuel", "CMCIFR2A" },
};
N (banks);

const char * const _gf_demo_allergies[] = {
  "Arachide", "Lait de vache", "Œuf", "Fruits à coque", "Gluten", "Kiwi", "Poisson", "Moutarde",
};
N (allergies);

const GfDemoPair _gf_demo_pai[] = {
  { "Arachide", "Allergie sévère à l'arachide : trousse d'urgence avec stylo d'adrénaline "
                "au restaurant scolaire, panier-repas fourni par la famille." },
  { "", "Asthme : spray de Ventoline dans le sac, à donner en cas de crise (protocole joint)." },
  { "", "Diabète de type 1 : contrôle de la glycémie avant le repas, collation autorisée." },
  { "Œuf", "Allergie à l'œuf : éviction stricte, repas adapté par la cuisine centrale." },
  { "", "Épilepsie : protocole de crise transmis à l'équipe d'animation." },
};
N (pai);

/* Even positions are women (gf-demo-family.c picks the contact's first name by it). */
const char * const _gf_demo_relations[] = {
  "Grand-mère", "Grand-père", "Tante", "Oncle", "Voisine", "Ami de la famille",
  "Assistante maternelle",
};
N (relations);

const char * const _gf_demo_observations[] = {
  "Porte des lunettes.", "Suivi orthophonique le mardi après-midi.",
  "Timide en début d'année, à encourager.", "Droitier, a besoin d'aide pour couper sa viande.",
};
N (observations);

const GfDemoPair _gf_demo_messages[] = {
  { "Question sur la dernière facture",
    "Bonjour,\n\nJe ne comprends pas le nombre de repas facturés pour ma fille le mois dernier : "
    "elle était malade trois jours. Pouvez-vous vérifier ?\n\nMerci d'avance." },
  { "Absence la semaine prochaine",
    "Bonjour,\n\nNotre fils sera absent toute la semaine prochaine (séjour chez ses "
    "grands-parents). Merci de ne pas compter ses repas." },
  { "Changement d'adresse",
    "Bonjour,\n\nNous avons déménagé le mois dernier. Je vous envoie le justificatif de domicile "
    "par le portail. Faut-il faire autre chose ?" },
  { "Inscription à l'accueil du soir",
    "Bonjour,\n\nJe reprends le travail à temps plein : est-il possible d'inscrire mes enfants "
    "à l'accueil du soir à partir de la rentrée des vacances ?" },
  { "Régime sans porc",
    "Bonjour,\n\nPouvez-vous noter que notre fille ne mange pas de porc ? Elle n'a pas eu de "
    "repas de substitution jeudi dernier." },
  { "Paiement en plusieurs fois",
    "Bonjour,\n\nJe traverse une période difficile. Est-il possible de régler la facture en "
    "deux fois ?" },
  { "Attestation de paiement",
    "Bonjour,\n\nPourriez-vous m'envoyer une attestation des sommes payées l'an dernier pour "
    "la crèche (pour les impôts) ?" },
  { "Mot de passe",
    "Bonjour,\n\nMon conjoint voudrait aussi accéder au portail. Peut-il avoir son propre "
    "identifiant ?" },
};
N (messages);

const GfDemoService _gf_demo_services[DEMO_N_SERVICES] = {
  { "CANTINE", "Restauration scolaire", "canteen", "day", "Restauration scolaire",
    { 110, 250, 380, 460 } },
  { "ACC_MATIN", "Accueil périscolaire du matin", "morning", "day", "Accueil du matin",
    { 80, 140, 200, 260 } },
  { "ACC_SOIR", "Accueil périscolaire du soir", "evening", "day", "Accueil du soir",
    { 120, 210, 300, 390 } },
  { "MERCREDI", "Accueil de loisirs du mercredi", "wednesday", "day", "Accueil du mercredi",
    { 450, 800, 1150, 1500 } },
  { "CRECHE", "Crèche (accueil à l'heure)", "creche", "hour", "Crèche", { 50, 120, 210, 320 } },
};

const char * const _gf_demo_month_names[13] = {
  "", "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
  "octobre", "novembre", "décembre",
};

static const GfDemoPair settings[] = {
  { "collectivite_name", "Mairie de Démonstration" },
  { "service_name", "Facturation – Restauration scolaire et périscolaire" },
  { "address", "1 place de la Mairie, 69500 Bron" },
  { "phone", "04 78 00 00 00" },
  { "opening_hours", "Du lundi au vendredi, de 8 h 30 à 12 h et de 13 h 30 à 17 h" },
  { "contact_email", "facturation@mairie-demo.fr" },
  { "portal_url", "http://127.0.0.1:8080" },
  { "mail_sender", "Mairie de Démonstration <ne-pas-repondre@mairie-demo.fr>" },
  { "payfip_numcli", "012345" },
  { "payfip_saisie", "T" },
  { "payments_multi", "1" },
  { "payments_suspended", "0" },
  { "payment_lock_minutes", "120" },
  { "invoice_due_days", G_STRINGIFY (DEMO_DUE_DAYS) },
};

static const struct
{
  const char *kind, *name, *address, *phone;
} establishments[] = {
  { "school", "École Jules Ferry", "12 rue Jules Ferry", "04 78 00 00 11" },
  { "school", "École Marie Curie", "25 avenue Franklin Roosevelt", "04 78 00 00 12" },
  { "school", "École Jean Moulin", "8 rue Jean Moulin", "04 78 00 00 13" },
  { "creche", "Crèche Les Petits Loups", "3 allée des Tilleuls", "04 78 00 00 20" },
};

static const char * const staff[][3] = {
  { "agent", "Camille Agent", "agent" },
  { "regisseur", "Nadia Régisseuse", "regisseur" },
  { "admin", "Louis Administrateur", "admin" },
};

static const GfDemoPair authorization_types[] = {
  { "droit_image", "Droit à l'image (photos et vidéos des activités)" },
  { "sortie_seul", "Sortie seul à la fin de l'accueil" },
  { "transport_car", "Transport en car pour les sorties" },
  { "soins_urgence", "Soins d'urgence et hospitalisation" },
  { "maquillage", "Maquillage lors des activités" },
};

static const struct
{
  const char *label, *scope;
  int         required, validity;
  const char *description;
} document_types[] = {
  { "Justificatif de domicile", "family", 1, 12, "Facture d'énergie ou quittance de loyer de "
    "moins de trois mois." },
  { "Attestation CAF (quotient familial)", "family", 1, 12, "Attestation de quotient familial "
    "de la CAF ou de la MSA ; sans elle, le tarif le plus élevé s'applique." },
  { "Attestation d'assurance", "family", 0, 12, "Responsabilité civile et individuelle "
    "accident pour les activités périscolaires." },
  { "Carnet de vaccination", "child", 1, 0, "Les pages des vaccinations obligatoires." },
  { "PAI signé", "child", 0, 12, "Pour les enfants qui ont un projet d'accueil individualisé." },
  { "Certificat médical", "child", 0, 0, "Contre-indication ou régime prescrit par un médecin." },
};

static const char * const holiday_labels[] = {
  "Vacances de la Toussaint", "Vacances de Noël", "Vacances d'hiver", "Vacances de printemps",
  "Vacances d'été",
};

/* One school year (zone A, approximately): the rentrée, five holidays from Saturday to
 * Sunday, the Ascension bridge, and the crèche's two closures. */
typedef struct
{
  guint32 rentree;
  guint32 start[5];
  guint32 end[5];
  guint32 bridge;
  guint32 creche_first[2];
  guint32 creche_last[2];
} SchoolYear;

static guint32
first_weekday_from (int year, int month, int day, int weekday)
{
  guint32 jd = _gf_demo_julian (year, month, day);

  while (_gf_demo_weekday (jd) != weekday)
    jd++;
  return jd;
}

static void
school_year_init (SchoolYear *self,
                  int         sy)
{
  static const int starts[4][3] = { { 0, 10, 17 }, { 0, 12, 17 }, { 1, 2, 7 }, { 1, 4, 4 } };
  GDate easter;

  self->rentree = _gf_demo_julian (sy, 9, 1);
  while (_gf_demo_weekday (self->rentree) > G_DATE_FRIDAY)
    self->rentree++;
  for (guint i = 0; i < 4; i++)
    {
      self->start[i] = first_weekday_from (sy + starts[i][0], starts[i][1], starts[i][2],
                                           G_DATE_SATURDAY);
      self->end[i] = self->start[i] + 15;
    }
  self->start[4] = first_weekday_from (sy + 1, 7, 4, G_DATE_SATURDAY);
  self->end[4] = _gf_demo_julian (sy + 1, 8, 31);

  gf_date_easter_sunday (sy + 1, &easter);
  self->bridge = g_date_get_julian (&easter) + 40;

  self->creche_first[0] = _gf_demo_julian (sy, 12, 24);
  self->creche_last[0] = _gf_demo_julian (sy + 1, 1, 1);
  self->creche_first[1] = first_weekday_from (sy + 1, 8, 1, G_DATE_MONDAY);
  self->creche_last[1] = self->creche_first[1] + 18;
}

static char *
period_name (guint32 first,
             guint32 last)
{
  int y1, m1, d1, y2, m2, d2;
  const char *a, *b;

  _gf_demo_dmy (first, &y1, &m1, &d1);
  _gf_demo_dmy (last, &y2, &m2, &d2);
  a = _gf_demo_month_names[m1];
  b = _gf_demo_month_names[m2];
  if (y1 == y2)
    return g_strdup_printf ("%c%s – %c%s %d", g_ascii_toupper (a[0]), a + 1,
                            g_ascii_toupper (b[0]), b + 1, y2);
  return g_strdup_printf ("%c%s %d – %c%s %d", g_ascii_toupper (a[0]), a + 1, y1,
                          g_ascii_toupper (b[0]), b + 1, y2);
}

static void
add_closed (GfDemo     *self,
            guint32     jd,
            gint64      establishment_id,
            const char *label)
{
  char day[11];

  _gf_demo_format_date (day, jd);
  _gf_demo_insert (self, STMT_CLOSED_DAY, "srs", day, establishment_id, label);
}

/* Marks what each day is open for, and writes the closed days, for one school year. */
static void
add_school_year (GfDemo *self,
                 int     sy)
{
  g_autoptr(GArray) holidays1 = gf_date_public_holidays (sy);
  g_autoptr(GArray) holidays2 = gf_date_public_holidays (sy + 1);
  guint32 first = _gf_demo_julian (sy, 9, 1);
  guint32 last = _gf_demo_julian (sy + 1, 8, 31);
  SchoolYear year;

  school_year_init (&year, sy);

  for (guint32 jd = first; jd <= last; jd++)
    {
      const char *holiday = NULL;
      int weekday = _gf_demo_weekday (jd);
      gboolean creche_closed = FALSE;
      int vacation = -1;
      guint8 flags = 0;

      for (guint i = 0; i < holidays1->len + holidays2->len; i++)
        {
          GArray *array = i < holidays1->len ? holidays1 : holidays2;
          const GfHoliday *h = &g_array_index (array, GfHoliday,
                                               i < holidays1->len ? i : i - holidays1->len);

          if (g_date_get_julian (&h->date) == jd)
            holiday = h->name;
        }
      for (int i = 0; i < 5; i++)
        if (jd >= year.start[i] && jd <= year.end[i])
          vacation = i;
      for (int i = 0; i < 2; i++)
        if (jd >= year.creche_first[i] && jd <= year.creche_last[i])
          creche_closed = TRUE;

      if (holiday != NULL)
        add_closed (self, jd, 0, holiday);
      else if (jd == year.bridge)
        add_closed (self, jd, 0, "Pont de l'Ascension");
      else if (weekday <= G_DATE_FRIDAY)
        {
          if (jd >= year.rentree && vacation < 0)
            flags |= weekday == G_DATE_WEDNESDAY ? DEMO_DAY_WEDNESDAY : DEMO_DAY_SCHOOL;
          if (!creche_closed)
            flags |= DEMO_DAY_CRECHE;
          for (int s = 0; vacation >= 0 && s < DEMO_N_SCHOOLS; s++)
            add_closed (self, jd, self->establishment_id[s], holiday_labels[vacation]);
          if (creche_closed)
            add_closed (self, jd, self->establishment_id[DEMO_CRECHE_INDEX],
                        vacation == 1 ? "Fermeture de fin d'année de la crèche"
                                      : "Fermeture estivale de la crèche");
        }
      self->day_flags[jd - self->calendar_first] = flags;
    }

  if (sy != self->school_year)
    return;

  /* The reservation periods of the current year: one per term for the schools, two months
   * at a time for the crèche, which stays open during school holidays. */
  self->term_first[0] = year.rentree;
  for (int i = 0; i < 5; i++)
    {
      if (i > 0)
        self->term_first[i] = year.end[i - 1] + 1;
      self->term_last[i] = year.start[i] - 1;
    }
  for (int t = 0; t < DEMO_N_TERMS; t++)
    for (int e = 0; e <= DEMO_N_SCHOOLS; e++)
      for (int s = 0; s < DEMO_N_SERVICES; s++)
        {
          gboolean creche = e == DEMO_CRECHE_INDEX;
          guint32 p_first, p_last;
          g_autofree char *name = NULL;
          char d1[11], d2[11], opens[21], closes[21];
          int y = sy + (t >= 2), m = 9 + 2 * t;

          if (creche != (s == DEMO_CRECHE) || (!creche && t >= 5))
            continue;
          if (creche)
            {
              p_first = _gf_demo_julian (m > 12 ? y : sy, m > 12 ? m - 12 : m, 1);
              p_last = (m + 2 > 12 ? _gf_demo_julian (sy + 1, m - 10, 1)
                                   : _gf_demo_julian (sy, m + 2, 1)) - 1;
            }
          else
            {
              p_first = self->term_first[t];
              p_last = self->term_last[t];
            }
          name = period_name (p_first, p_last);
          _gf_demo_format_date (d1, p_first);
          _gf_demo_format_date (d2, p_last);
          _gf_demo_format_timestamp (opens, _gf_demo_julian (sy, 7, 1), 6 * 3600);
          _gf_demo_format_timestamp (closes, p_last - 2, 8 * 3600);
          self->period_id[e][s][t] =
            _gf_demo_insert (self, STMT_PERIOD, "llsssssis",
                             self->service_id[s], self->establishment_id[e], name, d1, d2,
                             opens, closes,
                             s == DEMO_MERCREDI ? 0x04 : creche ? 0x1f : 0x1b,
                             creche ? "request" : "auto");
        }
}

static void
compute_months (GfDemo *self)
{
  int y, m, d;

  _gf_demo_dmy (self->today, &y, &m, &d);
  /* The last month billed is the one whose invoices (issued on the 5th of the next month)
   * are already out. */
  m -= d < 5 ? 2 : 1;
  m -= DEMO_N_MONTHS - 1;
  while (m < 1)
    {
      m += 12;
      y--;
    }

  self->n_months = DEMO_N_MONTHS;
  for (guint i = 0; i < DEMO_N_MONTHS; i++)
    {
      GfDemoMonth *month = &self->months[i];
      int ny = m == 12 ? y + 1 : y, nm = m == 12 ? 1 : m + 1;

      month->year = y;
      month->month = m;
      month->school_year = m >= 9 ? y : y - 1;
      month->first = _gf_demo_julian (y, m, 1);
      month->last = _gf_demo_julian (ny, nm, 1) - 1;
      month->issue = _gf_demo_julian (ny, nm, 5);
      month->due = month->issue + DEMO_DUE_DAYS;
      y = ny;
      m = nm;
    }
}

static int
round_to_5 (int cents)
{
  return (cents + 2) / 5 * 5;
}

gboolean
_gf_demo_add_town (GfDemo *self)
{
  char created[21], last_login[21], published[21], from[11], to[11];
  int first_sy;

  compute_months (self);
  first_sy = self->first_school_year = self->months[0].school_year;
  g_assert (self->school_year - first_sy < DEMO_MAX_YEARS);
  self->calendar_first = _gf_demo_julian (first_sy, 9, 1);
  self->n_calendar_days = _gf_demo_julian (self->school_year + 1, 9, 1) - self->calendar_first;
  self->day_flags = g_new0 (guint8, self->n_calendar_days);

  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    _gf_demo_insert (self, STMT_SETTING, "ss", settings[i].first, settings[i].second);

  _gf_demo_format_timestamp (created, self->calendar_first - 30, 9 * 3600);
  _gf_demo_format_timestamp (last_login, self->today - 1, 7 * 3600 + 45 * 60);
  for (guint i = 0; i < G_N_ELEMENTS (staff); i++)
    self->staff_id[i] = _gf_demo_insert (self, STMT_STAFF, "ssssss", staff[i][0], staff[i][1],
                                         staff[i][2], self->staff_hash, created, last_login);

  for (guint i = 0; i < G_N_ELEMENTS (establishments); i++)
    self->establishment_id[i] =
      _gf_demo_insert (self, STMT_ESTABLISHMENT, "ssssss", establishments[i].kind,
                       establishments[i].name, establishments[i].address, "69500", "Bron",
                       establishments[i].phone);

  for (int s = 0; s < DEMO_N_SERVICES; s++)
    {
      const GfDemoService *service = &_gf_demo_services[s];

      self->service_id[s] = _gf_demo_insert (self, STMT_SERVICE, "ssss", service->code,
                                             service->name, service->kind, service->unit);
      /* Each school year's tariff, 2,5 % under the next one's. */
      for (int sy = first_sy; sy <= self->school_year; sy++)
        for (int b = 0; b < DEMO_N_BRACKETS; b++)
          {
            static const int qf_min[] = { 0, 451, 801, 1201 }, qf_max[] = { 450, 800, 1200, 0 };
            int price = round_to_5 (service->prices[b] * (1000 - 25 * (self->school_year - sy))
                                    / 1000);

            self->prices[sy - first_sy][s][b] = price;
            _gf_demo_format_date (from, _gf_demo_julian (sy, 9, 1));
            _gf_demo_format_date (to, _gf_demo_julian (sy + 1, 8, 31));
            _gf_demo_insert (self, STMT_TARIFF, "liriss", self->service_id[s], qf_min[b],
                             (gint64) qf_max[b], price, from,
                             sy == self->school_year ? NULL : to);
          }
    }

  for (int sy = first_sy; sy <= self->school_year; sy++)
    add_school_year (self, sy);

  for (guint i = 0; i < self->n_months; i++)
    {
      GfDemoMonth *month = &self->months[i];

      for (guint32 jd = month->first; jd <= month->last; jd++)
        {
          guint8 flags = _gf_demo_day_flags (self, jd);

          for (int s = 0; s < DEMO_N_SERVICES; s++)
            if ((s == DEMO_CRECHE && (flags & DEMO_DAY_CRECHE)) ||
                (s == DEMO_MERCREDI && (flags & DEMO_DAY_WEDNESDAY)) ||
                (s < DEMO_MERCREDI && (flags & DEMO_DAY_SCHOOL)))
              month->n_days[s]++;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (authorization_types); i++)
    self->auth_type_id[i] = _gf_demo_insert (self, STMT_AUTH_TYPE, "ssi",
                                             authorization_types[i].first,
                                             authorization_types[i].second, (int) i + 1);
  for (guint i = 0; i < G_N_ELEMENTS (document_types); i++)
    _gf_demo_insert (self, STMT_DOC_TYPE, "ssirs", document_types[i].label,
                     document_types[i].scope, document_types[i].required,
                     (gint64) document_types[i].validity, document_types[i].description);

  _gf_demo_format_timestamp (published, self->today - 10, 8 * 3600);
  _gf_demo_insert (self, STMT_ANNOUNCEMENT, "sssls",
                   "Bienvenue sur votre nouveau portail famille",
                   "Vous pouvez désormais payer vos factures en ligne, réserver les repas et "
                   "l'accueil périscolaire de vos enfants et nous transmettre vos justificatifs "
                   "depuis chez vous.\n\nLes menus du restaurant scolaire sont affichés à "
                   "l'entrée de chaque école et publiés chaque mois sur le site de la mairie.\n\n"
                   "Pour toute question, le service Facturation vous répond du lundi au "
                   "vendredi, de 8 h 30 à 12 h et de 13 h 30 à 17 h, au 04 78 00 00 00.",
                   published, self->staff_id[2], published);

  return self->error == NULL;
}

gboolean
_gf_demo_add_billing_runs (GfDemo *self)
{
  for (guint i = 0; i < self->n_months; i++)
    {
      GfDemoMonth *month = &self->months[i];
      const char *name = _gf_demo_month_names[month->month];
      g_autofree char *label = NULL;
      char first[11], last[11], created[21], published[21];

      label = g_strdup_printf ("Facturation %s%s %d", strchr ("ao", name[0]) ? "d'" : "de ",
                               name, month->year);
      _gf_demo_format_date (first, month->first);
      _gf_demo_format_date (last, month->last);
      _gf_demo_format_timestamp (created, month->issue - 3, 9 * 3600);
      _gf_demo_format_timestamp (published, month->issue, 7 * 3600);
      month->run_id = _gf_demo_insert (self, STMT_RUN, "sssrss", label, first, last,
                                       self->staff_id[1], created, published);
    }

  return self->error == NULL;
}
