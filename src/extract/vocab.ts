/**
 * Vocabularies the author check reads: words that make a "name" an outlet, a role, a credential,
 * a place or a piece of page furniture, and the words that open a byline in the corpora's
 * languages. Data, not code: a new language or outlet word is a line here.
 */

/** Words that open a byline, longest first per language: "Posted by", "geschrieben von", "par", "di", "por". */
export const BYLINE_PREFIXES = [
  // Links and boxes that name the author: "View all posts by", "Zeige alle Beiträge von", "About the author".
  'view all posts by', 'all posts by', 'more articles by', 'more posts by', 'articles by', 'posts by', 'more from', 'about the author', 'published in',
  'zeige alle beiträge von', 'alle beiträge von', 'alle artikel von', 'mehr von', 'über den autor', 'über die autorin', 'tous les articles de',
  // English
  'written and reported by', 'story by', 'words by', 'text by', 'posted by', 'written by', 'published by', 'article by', 'reported by', 'contributed by', 'by',
  // German
  'ein beitrag von', 'ein artikel von', 'geschrieben von', 'verfasst von', 'artikel von', 'beitrag von', 'text von', 'autorin', 'autor/in', 'autor', 'von', 'durch',
  // French, Italian, Spanish, Portuguese, Dutch, Polish
  'écrit par', 'publié par', 'rédigé par', 'par', 'scritto da', 'pubblicato da', 'di', 'da', 'escrito por', 'publicado por', 'por', 'door', 'geschreven door', 'autorka', 'autor tekstu',
  // Labels
  'author', 'authors', 'auteur', 'autore', 'text', 'texte', 'testo', 'texto', 'words', 'story',
];

/** Words that end a byline: what follows is a date, a counter or a tool ("Updated", "4 Min Read", "Share"). */
export const BYLINE_STOP_WORDS = [
  'updated', 'published', 'posted', 'last updated', 'originally published', 'on', 'am', 'um', 'le', 'il', 'el', 'em',
  'veröffentlicht', 'aktualisiert', 'zuletzt aktualisiert', 'stand', 'datum', 'lesezeit', 'min read', 'minute read', 'minutes read', 'read', 'share', 'teilen',
  'follow', 'folgen', 'twitter', 'facebook', 'linkedin', 'instagram', 'email', 'e-mail', 'kommentare', 'comments', 'comment', 'publié', 'mis à jour', 'pubblicato',
  'aggiornato', 'publicado', 'actualizado', 'schreiben sie', 'contact', 'kontakt', 'reviewed by', 'fact checked by', 'medically reviewed by', 'edited by',
  'updated by', 'fact checked', 'fact-checked', 'reviewed', 'is', 'ist', 'est', 'è', 'es', 'learn more', 'mehr erfahren', 'photos by', 'photo by', 'photography by', 'illustration by', 'in', 'for', 'für',
];

/** A name that is one of these words, or holds one, is an outlet, a desk or a site: not a person. */
export const OUTLET_WORDS = [
  'news', 'press', 'presse', 'media', 'medien', 'times', 'post', 'online', 'magazine', 'magazin', 'zeitung', 'journal', 'tribune', 'herald', 'gazette', 'daily',
  'weekly', 'radio', 'tv', 'television', 'fernsehen', 'broadcasting', 'network', 'channel', 'agency', 'agentur', 'redaktion', 'redaktionen', 'rédaction', 'redazione',
  'redacción', 'redação', 'redakcja', 'newsroom', 'newsdesk', 'desk', 'staff', 'team', 'editors', 'editorial', 'editorial board', 'gmbh', 'ag', 'inc', 'inc.', 'llc',
  'ltd', 'ltd.', 'corp', 'co.', 'e.v.', 'verlag', 'verlagsgruppe', 'group', 'gruppe', 'blog', 'blogger', 'admin', 'administrator', 'webmaster', 'wire', 'wires',
  'associated press', 'reuters', 'afp', 'ap', 'dpa', 'apa', 'sid', 'kna', 'epd', 'ansa', 'efe', 'bloomberg', 'bbc', 'cnn', 'npr', 'al jazeera', 'deutsche welle',
  'foundation', 'stiftung', 'institute', 'institut', 'university', 'universität', 'ministry', 'ministerium', 'department', 'council', 'association', 'verband',
  'amt', 'bund', 'edition', 'meldung', 'aktuelle', 'aktuelles', 'pressestelle', 'pressemitteilung', 'club', 'company', 'services', 'solutions', 'partners', 'contributors', 'contributor', 'guest', 'gast', 'community', 'official', 'offizielle',
];

/** Endings of compound organisation names (German): a word ending so is a body, not a surname. */
export const OUTLET_SUFFIXES = ['verband', 'redaktion'];

/** Job titles and roles that follow or replace a name: "AP Auto Writer", "Senior Editor", "Korrespondent". */
export const ROLE_WORDS = [
  'writer', 'author', 'reporter', 'correspondent', 'editor', 'editor-in-chief', 'columnist', 'contributor', 'contributing', 'staff', 'senior', 'chief', 'managing',
  'associate', 'assistant', 'executive', 'deputy', 'special', 'freelance', 'freelancer', 'journalist', 'journalistin', 'redakteur', 'redakteurin', 'korrespondent',
  'korrespondentin', 'experte', 'expertin', 'gastautor', 'gastautorin', 'kolumnist', 'kolumnistin', 'autorin', 'autor', 'chefredakteur', 'chefredakteurin', 'volontär', 'volontärin', 'moderator', 'moderatorin', 'rédacteur', 'rédactrice',
  'journaliste', 'giornalista', 'corrispondente', 'periodista', 'redactor', 'redactora', 'corresponsal', 'dziennikarz', 'founder', 'co-founder', 'ceo', 'cto', 'cfo',
  'director', 'manager', 'head', 'lead', 'president', 'producer', 'photographer', 'fotograf', 'analyst', 'strategist', 'expert', 'specialist', 'consultant',
  'coordinator', 'marketing', 'content', 'communications', 'operations', 'officer', 'vp', 'partner', 'fellow', 'scientist', 'engineer', 'developer',
  'designer', 'advisor', 'adviser', 'planner', 'attorney', 'lawyer', 'physician', 'therapist', 'gardener', 'instructor', 'teacher', 'pastor',
  'researcher', 'professor', 'host', 'anchor', 'intern', 'student', 'dietitian', 'nutritionist', 'reviewer', 'tester', 'coach', 'trainer', 'owner',
];

/** Credentials printed after a name; split off, never kept as names of their own. */
export const CREDENTIALS = [
  'md', 'm.d.', 'phd', 'ph.d.', 'ph.d', 'do', 'd.o.', 'ms', 'm.s.', 'ma', 'm.a.', 'mba', 'mph', 'msc', 'bsc', 'ba', 'b.a.', 'bs', 'rd', 'rdn', 'ld', 'ldn', 'cdn',
  'cde', 'cdces', 'rn', 'bsn', 'msn', 'np', 'pa-c', 'dvm', 'vmd', 'cpa', 'cfp', 'cfa', 'jd', 'j.d.', 'esq', 'esq.', 'facp', 'faclm', 'fand', 'cscs', 'acsm',
  'lcsw', 'lpc', 'psyd', 'dds', 'dmd', 'od', 'pharmd', 'cpt', 'ryt', 'e-ryt', 'dr.', 'dr', 'prof.', 'prof', 'mag.', 'dipl.', 'ing.', 'dipl.-ing.',
];

/** Page furniture that byline blocks hold and that is never a name. */
export const UI_WORDS = [
  'share', 'follow', 'subscribe', 'login', 'log in', 'sign in', 'register', 'menu', 'home', 'search', 'more', 'read more', 'weiterlesen', 'mehr', 'profile',
  'profil', 'view profile', 'all posts', 'about', 'about the author', 'über den autor', 'über die autorin', 'contact', 'kontakt', 'email', 'print', 'drucken',
  'comments', 'kommentare', 'comment', 'reply', 'antworten', 'like', 'tweet', 'pin', 'link', 'copy link', 'advertisement', 'anzeige', 'werbung', 'sponsored',
  'written by', 'posted by', 'by', 'von', 'autor/in', 'author', 'authors', 'autor', 'autorin', 'auteur', 'redaktion', 'unknown', 'anonymous', 'admin', 'guest',
  'veröffentlicht am', 'published', 'updated', 'lesezeit', 'min read', 'n/a', 'null', 'undefined', 'none',
  // Chinese page furniture that sits where a byline does.
  '阅读', '简介', '单位', '来源', '分享', '评论', '首页', '打印', '关闭', '收藏', '字号', '作者', '编辑', '责任编辑', '浏览', '点击', '更多',
];

/** Places a dateline puts where a byline would be: "LONDON —", "Nürnberg (dpa)". Countries and the cities datelines name most. */
export const PLACES = [
  'london', 'paris', 'berlin', 'new york', 'washington', 'brussels', 'brüssel', 'moscow', 'moskau', 'beijing', 'peking', 'tokyo', 'tokio', 'rome', 'rom', 'madrid',
  'vienna', 'wien', 'zurich', 'zürich', 'geneva', 'genf', 'bern', 'munich', 'münchen', 'hamburg', 'frankfurt', 'köln', 'cologne', 'stuttgart', 'düsseldorf',
  'nürnberg', 'nuremberg', 'dresden', 'leipzig', 'hannover', 'bremen', 'essen', 'dortmund', 'bonn', 'mainz', 'kiel', 'potsdam', 'erfurt', 'magdeburg', 'schwerin',
  'wiesbaden', 'saarbrücken', 'karlsruhe', 'freiburg', 'augsburg', 'graz', 'linz', 'salzburg', 'innsbruck', 'basel', 'lausanne', 'luzern', 'st. gallen', 'bozen',
  'los angeles', 'chicago', 'houston', 'san francisco', 'boston', 'seattle', 'miami', 'atlanta', 'dallas', 'detroit', 'toronto', 'montreal', 'ottawa', 'vancouver',
  'sydney', 'melbourne', 'mumbai', 'delhi', 'new delhi', 'shanghai', 'hong kong', 'singapore', 'seoul', 'taipei', 'bangkok', 'jakarta', 'manila', 'dubai',
  'istanbul', 'ankara', 'cairo', 'kairo', 'jerusalem', 'tel aviv', 'kiev', 'kyiv', 'kiew', 'warsaw', 'warschau', 'warszawa', 'prague', 'prag', 'budapest',
  'athens', 'athen', 'lisbon', 'lissabon', 'dublin', 'amsterdam', 'stockholm', 'oslo', 'copenhagen', 'kopenhagen', 'helsinki', 'milan', 'mailand', 'barcelona',
  'mexico city', 'buenos aires', 'são paulo', 'sao paulo', 'rio de janeiro', 'bogotá', 'bogota', 'lima', 'santiago', 'caracas', 'havana', 'nairobi', 'lagos',
  'johannesburg', 'cape town', 'kabul', 'tehran', 'teheran', 'baghdad', 'bagdad', 'damascus', 'damaskus', 'beirut', 'gaza', 'riad', 'riyadh', 'doha',
  'germany', 'deutschland', 'austria', 'österreich', 'switzerland', 'schweiz', 'france', 'frankreich', 'italy', 'italien', 'spain', 'spanien', 'england',
  'britain', 'united kingdom', 'uk', 'usa', 'us', 'u.s.', 'united states', 'america', 'amerika', 'canada', 'kanada', 'china', 'japan', 'india', 'indien',
  'russia', 'russland', 'ukraine', 'poland', 'polen', 'europe', 'europa', 'asia', 'asien', 'africa', 'afrika', 'australia', 'australien', 'brazil', 'brasilien',
  'mexico', 'mexiko', 'israel', 'iran', 'iraq', 'irak', 'syria', 'syrien', 'turkey', 'türkei', 'greece', 'griechenland', 'netherlands', 'niederlande',
  'belgium', 'belgien', 'sweden', 'schweden', 'norway', 'norwegen', 'denmark', 'dänemark', 'ireland', 'irland', 'scotland', 'schottland', 'wales',
  'bayern', 'bavaria', 'sachsen', 'hessen', 'thüringen', 'niedersachsen', 'brandenburg', 'tirol', 'südtirol', 'california', 'texas', 'florida',
];
