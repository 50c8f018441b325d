-- Guichet Familles: the first schema. Every entity of DESIGN.md.
-- Amounts are integer cents; dates are ISO text ('YYYY-MM-DD'); timestamps are UTC
-- ('YYYY-MM-DDTHH:MM:SSZ'). Tables are STRICT so a wrong type is an error, not a surprise.

CREATE TABLE setting (
  key   TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 64),
  value TEXT NOT NULL CHECK (length(value) <= 4000)
) STRICT;

CREATE TABLE staff_user (
  id            INTEGER PRIMARY KEY,
  login         TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(login) BETWEEN 1 AND 64),
  display_name  TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  role          TEXT NOT NULL CHECK (role IN ('agent', 'regisseur', 'admin')),
  password_hash TEXT NOT NULL CHECK (length(password_hash) BETWEEN 1 AND 256),
  active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at    TEXT NOT NULL,
  last_login_at TEXT
) STRICT;

-- The family is the billing unit ("dossier"); its display name comes from its payer guardian.
CREATE TABLE family (
  id                INTEGER PRIMARY KEY,
  reference         TEXT NOT NULL UNIQUE CHECK (length(reference) BETWEEN 1 AND 32),
  address_line1     TEXT NOT NULL DEFAULT '' CHECK (length(address_line1) <= 200),
  address_line2     TEXT NOT NULL DEFAULT '' CHECK (length(address_line2) <= 200),
  postal_code       TEXT NOT NULL DEFAULT ''
                    CHECK (postal_code = '' OR postal_code GLOB '[0-9][0-9][0-9][0-9][0-9]'),
  city              TEXT NOT NULL DEFAULT '' CHECK (length(city) <= 100),
  phone             TEXT NOT NULL DEFAULT '' CHECK (length(phone) <= 20),
  email             TEXT NOT NULL DEFAULT '' CHECK (length(email) <= 254),
  quotient_familial INTEGER CHECK (quotient_familial IS NULL OR quotient_familial BETWEEN 0 AND 100000),
  paperless         INTEGER NOT NULL DEFAULT 0 CHECK (paperless IN (0, 1)),
  direct_debit      INTEGER NOT NULL DEFAULT 0 CHECK (direct_debit IN (0, 1)),
  iban              TEXT CHECK (iban IS NULL OR length(iban) BETWEEN 15 AND 34),
  bic               TEXT CHECK (bic IS NULL OR length(bic) IN (8, 11)),
  mandate_reference TEXT CHECK (mandate_reference IS NULL OR length(mandate_reference) <= 35),
  mandate_date      TEXT,
  archived          INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL,
  CHECK (direct_debit = 0 OR (iban IS NOT NULL AND mandate_reference IS NOT NULL))
) STRICT;
CREATE INDEX family_archived_idx ON family (archived, id);

CREATE TABLE guardian (
  id           INTEGER PRIMARY KEY,
  family_id    INTEGER NOT NULL REFERENCES family (id) ON DELETE CASCADE,
  civility     TEXT NOT NULL DEFAULT '' CHECK (civility IN ('', 'M.', 'Mme')),
  last_name    TEXT NOT NULL CHECK (length(trim(last_name)) BETWEEN 1 AND 100),
  first_name   TEXT NOT NULL CHECK (length(trim(first_name)) BETWEEN 1 AND 100),
  relation     TEXT NOT NULL DEFAULT '' CHECK (length(relation) <= 50),
  phone_mobile TEXT NOT NULL DEFAULT '' CHECK (length(phone_mobile) <= 20),
  phone_home   TEXT NOT NULL DEFAULT '' CHECK (length(phone_home) <= 20),
  phone_work   TEXT NOT NULL DEFAULT '' CHECK (length(phone_work) <= 20),
  email        TEXT NOT NULL DEFAULT '' CHECK (length(email) <= 254),
  payer        INTEGER NOT NULL DEFAULT 0 CHECK (payer IN (0, 1)),
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
) STRICT;
CREATE INDEX guardian_family_idx ON guardian (family_id);
-- At most one payer per family: invoices are addressed to that person.
CREATE UNIQUE INDEX guardian_one_payer_idx ON guardian (family_id) WHERE payer = 1;

-- One portal login per family. The login is an e-mail address, unique across families.
CREATE TABLE citizen_account (
  id              INTEGER PRIMARY KEY,
  family_id       INTEGER NOT NULL UNIQUE REFERENCES family (id) ON DELETE CASCADE,
  email           TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(email) BETWEEN 3 AND 254),
  state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'active', 'disabled')),
  password_hash   TEXT CHECK (password_hash IS NULL OR length(password_hash) BETWEEN 1 AND 256),
  failed_logins   INTEGER NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
  locked_until    TEXT,
  last_login_at   TEXT,
  activated_at    TEXT,
  created_at      TEXT NOT NULL,
  CHECK (state <> 'active' OR password_hash IS NOT NULL)
) STRICT;

-- Only the SHA-256 of a token is kept: a stolen database gives no working link.
CREATE TABLE token (
  id         INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES citizen_account (id) ON DELETE CASCADE,
  kind       TEXT NOT NULL CHECK (kind IN ('activation', 'reset', 'email_change')),
  token_hash BLOB NOT NULL UNIQUE CHECK (length(token_hash) = 32),
  new_email  TEXT CHECK (new_email IS NULL OR length(new_email) BETWEEN 3 AND 254),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at    TEXT,
  CHECK ((kind = 'email_change') = (new_email IS NOT NULL))
) STRICT;
CREATE INDEX token_account_idx ON token (account_id, kind);

CREATE TABLE session (
  id_hash      BLOB PRIMARY KEY CHECK (length(id_hash) = 32),
  account_id   INTEGER NOT NULL REFERENCES citizen_account (id) ON DELETE CASCADE,
  csrf_secret  BLOB NOT NULL CHECK (length(csrf_secret) = 32),
  persistent   INTEGER NOT NULL DEFAULT 0 CHECK (persistent IN (0, 1)),
  created_at   TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at   TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX session_account_idx ON session (account_id);
CREATE INDEX session_expiry_idx ON session (expires_at);

-- Login throttling per client address (per account lives on citizen_account).
CREATE TABLE login_throttle (
  address         TEXT PRIMARY KEY CHECK (length(address) <= 64),
  failures        INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
  locked_until    TEXT,
  last_failure_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE establishment (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('school', 'creche', 'centre')),
  name        TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
  address     TEXT NOT NULL DEFAULT '' CHECK (length(address) <= 200),
  postal_code TEXT NOT NULL DEFAULT ''
              CHECK (postal_code = '' OR postal_code GLOB '[0-9][0-9][0-9][0-9][0-9]'),
  city        TEXT NOT NULL DEFAULT '' CHECK (length(city) <= 100),
  phone       TEXT NOT NULL DEFAULT '' CHECK (length(phone) <= 20),
  active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

CREATE TABLE child (
  id               INTEGER PRIMARY KEY,
  family_id        INTEGER NOT NULL REFERENCES family (id) ON DELETE CASCADE,
  last_name        TEXT NOT NULL CHECK (length(trim(last_name)) BETWEEN 1 AND 100),
  first_name       TEXT NOT NULL CHECK (length(trim(first_name)) BETWEEN 1 AND 100),
  birth_date       TEXT NOT NULL CHECK (birth_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  sex              TEXT NOT NULL DEFAULT '' CHECK (sex IN ('', 'F', 'M')),
  establishment_id INTEGER REFERENCES establishment (id),
  class_name       TEXT NOT NULL DEFAULT '' CHECK (length(class_name) <= 50),
  diet             TEXT NOT NULL DEFAULT '' CHECK (length(diet) <= 200),
  allergies        TEXT NOT NULL DEFAULT '' CHECK (length(allergies) <= 2000),
  medical_history  TEXT NOT NULL DEFAULT '' CHECK (length(medical_history) <= 4000),
  observations     TEXT NOT NULL DEFAULT '' CHECK (length(observations) <= 4000),
  doctor_name      TEXT NOT NULL DEFAULT '' CHECK (length(doctor_name) <= 200),
  doctor_phone     TEXT NOT NULL DEFAULT '' CHECK (length(doctor_phone) <= 20),
  pai              INTEGER NOT NULL DEFAULT 0 CHECK (pai IN (0, 1)),
  pai_details      TEXT NOT NULL DEFAULT '' CHECK (length(pai_details) <= 4000),
  archived         INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
) STRICT;
CREATE INDEX child_family_idx ON child (family_id);
CREATE INDEX child_establishment_idx ON child (establishment_id, class_name);

-- Emergency contacts and people allowed to pick the child up: one row may be both.
CREATE TABLE child_contact (
  id          INTEGER PRIMARY KEY,
  child_id    INTEGER NOT NULL REFERENCES child (id) ON DELETE CASCADE,
  last_name   TEXT NOT NULL CHECK (length(trim(last_name)) BETWEEN 1 AND 100),
  first_name  TEXT NOT NULL CHECK (length(trim(first_name)) BETWEEN 1 AND 100),
  relation    TEXT NOT NULL DEFAULT '' CHECK (length(relation) <= 50),
  address     TEXT NOT NULL DEFAULT '' CHECK (length(address) <= 200),
  postal_code TEXT NOT NULL DEFAULT ''
              CHECK (postal_code = '' OR postal_code GLOB '[0-9][0-9][0-9][0-9][0-9]'),
  city        TEXT NOT NULL DEFAULT '' CHECK (length(city) <= 100),
  phone1      TEXT NOT NULL CHECK (length(phone1) BETWEEN 1 AND 20),
  phone2      TEXT NOT NULL DEFAULT '' CHECK (length(phone2) <= 20),
  emergency   INTEGER NOT NULL DEFAULT 0 CHECK (emergency IN (0, 1)),
  pickup      INTEGER NOT NULL DEFAULT 0 CHECK (pickup IN (0, 1)),
  CHECK (emergency = 1 OR pickup = 1)
) STRICT;
CREATE INDEX child_contact_child_idx ON child_contact (child_id);

CREATE TABLE authorization_type (
  id       INTEGER PRIMARY KEY,
  code     TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64),
  label    TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 300),
  position INTEGER NOT NULL DEFAULT 0,
  active   INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

CREATE TABLE child_authorization (
  child_id   INTEGER NOT NULL REFERENCES child (id) ON DELETE CASCADE,
  type_id    INTEGER NOT NULL REFERENCES authorization_type (id),
  value      TEXT NOT NULL CHECK (value IN ('yes', 'no', 'na')),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (child_id, type_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE service (
  id     INTEGER PRIMARY KEY,
  code   TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 32),
  name   TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  kind   TEXT NOT NULL CHECK (kind IN ('canteen', 'morning', 'evening', 'wednesday', 'creche')),
  unit   TEXT NOT NULL CHECK (unit IN ('day', 'hour')),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

-- Unit price by quotient-familial bracket [qf_min, qf_max]; qf_max NULL means no upper bound.
CREATE TABLE tariff (
  id               INTEGER PRIMARY KEY,
  service_id       INTEGER NOT NULL REFERENCES service (id),
  qf_min           INTEGER NOT NULL DEFAULT 0 CHECK (qf_min >= 0),
  qf_max           INTEGER CHECK (qf_max IS NULL OR qf_max >= qf_min),
  unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents BETWEEN 0 AND 100000),
  valid_from       TEXT NOT NULL,
  valid_to         TEXT,
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
) STRICT;
CREATE INDEX tariff_service_idx ON tariff (service_id, valid_from);

CREATE TABLE enrolment (
  id               INTEGER PRIMARY KEY,
  child_id         INTEGER NOT NULL REFERENCES child (id) ON DELETE CASCADE,
  service_id       INTEGER NOT NULL REFERENCES service (id),
  establishment_id INTEGER NOT NULL REFERENCES establishment (id),
  start_date       TEXT NOT NULL,
  end_date         TEXT,
  CHECK (end_date IS NULL OR end_date >= start_date)
) STRICT;
CREATE INDEX enrolment_child_idx ON enrolment (child_id);
CREATE INDEX enrolment_service_idx ON enrolment (service_id, establishment_id);

CREATE TABLE reservation_period (
  id               INTEGER PRIMARY KEY,
  service_id       INTEGER NOT NULL REFERENCES service (id),
  establishment_id INTEGER NOT NULL REFERENCES establishment (id),
  name             TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  first_day        TEXT NOT NULL,
  last_day         TEXT NOT NULL,
  opens_at         TEXT NOT NULL,
  closes_at        TEXT NOT NULL,
  -- Bit 0 is Monday … bit 6 Sunday.
  weekdays         INTEGER NOT NULL DEFAULT 31 CHECK (weekdays BETWEEN 1 AND 127),
  -- "deadline_days before the day, at deadline_time": 2 and '10:00' is "2 days before at 10:00".
  deadline_days    INTEGER NOT NULL DEFAULT 2 CHECK (deadline_days BETWEEN 0 AND 60),
  deadline_time    TEXT NOT NULL DEFAULT '10:00' CHECK (deadline_time GLOB '[0-2][0-9]:[0-5][0-9]'),
  mode             TEXT NOT NULL DEFAULT 'auto' CHECK (mode IN ('auto', 'request')),
  published        INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1)),
  CHECK (last_day >= first_day),
  CHECK (closes_at >= opens_at)
) STRICT;
CREATE INDEX reservation_period_idx ON reservation_period (service_id, establishment_id, first_day);

-- establishment_id NULL: closed everywhere (holidays).
CREATE TABLE closed_day (
  id               INTEGER PRIMARY KEY,
  day              TEXT NOT NULL,
  establishment_id INTEGER REFERENCES establishment (id),
  label            TEXT NOT NULL DEFAULT '' CHECK (length(label) <= 200)
) STRICT;
CREATE UNIQUE INDEX closed_day_idx ON closed_day (day, ifnull(establishment_id, 0));

CREATE TABLE reservation (
  id         INTEGER PRIMARY KEY,
  child_id   INTEGER NOT NULL REFERENCES child (id) ON DELETE CASCADE,
  period_id  INTEGER NOT NULL REFERENCES reservation_period (id),
  day        TEXT NOT NULL,
  start_time TEXT NOT NULL DEFAULT '' CHECK (start_time = '' OR start_time GLOB '[0-2][0-9]:[0-5][0-9]'),
  end_time   TEXT NOT NULL DEFAULT '' CHECK (end_time = '' OR end_time GLOB '[0-2][0-9]:[0-5][0-9]'),
  state      TEXT NOT NULL CHECK (state IN ('requested', 'accepted', 'refused',
                                             'cancel_requested', 'cancelled')),
  batch      TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (end_time = '' OR end_time > start_time),
  UNIQUE (child_id, period_id, day, start_time)
) STRICT;
CREATE INDEX reservation_period_day_idx ON reservation (period_id, day);

CREATE TABLE attendance (
  id          INTEGER PRIMARY KEY,
  child_id    INTEGER NOT NULL REFERENCES child (id) ON DELETE CASCADE,
  service_id  INTEGER NOT NULL REFERENCES service (id),
  day         TEXT NOT NULL,
  present     INTEGER NOT NULL CHECK (present IN (0, 1)),
  minutes     INTEGER CHECK (minutes IS NULL OR minutes BETWEEN 0 AND 1440),
  recorded_by INTEGER REFERENCES staff_user (id),
  recorded_at TEXT NOT NULL,
  UNIQUE (child_id, service_id, day)
) STRICT;

CREATE TABLE billing_run (
  id           INTEGER PRIMARY KEY,
  label        TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
  period_start TEXT NOT NULL,
  period_end   TEXT NOT NULL,
  services     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(services)),
  state        TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'published', 'discarded')),
  created_by   INTEGER REFERENCES staff_user (id),
  created_at   TEXT NOT NULL,
  published_at TEXT,
  CHECK (period_end >= period_start),
  CHECK ((state = 'published') = (published_at IS NOT NULL))
) STRICT;

-- A published invoice is never edited: a correction is a credit note (kind 'credit_note',
-- negative total, credit_for_id naming the invoice it corrects).
CREATE TABLE invoice (
  id             INTEGER PRIMARY KEY,
  number         TEXT NOT NULL UNIQUE CHECK (length(number) BETWEEN 1 AND 32),
  family_id      INTEGER NOT NULL REFERENCES family (id),
  billing_run_id INTEGER REFERENCES billing_run (id),
  kind           TEXT NOT NULL DEFAULT 'invoice' CHECK (kind IN ('invoice', 'credit_note')),
  credit_for_id  INTEGER REFERENCES invoice (id),
  issue_date     TEXT NOT NULL,
  due_date       TEXT NOT NULL,
  object         TEXT NOT NULL CHECK (length(object) BETWEEN 1 AND 200),
  total_cents    INTEGER NOT NULL,
  state          TEXT NOT NULL DEFAULT 'draft'
                 CHECK (state IN ('draft', 'unpaid', 'paid', 'treasury', 'cancelled')),
  direct_debit   INTEGER NOT NULL DEFAULT 0 CHECK (direct_debit IN (0, 1)),
  published_at   TEXT,
  paid_at        TEXT,
  treasury_at    TEXT,
  created_at     TEXT NOT NULL,
  CHECK (due_date >= issue_date),
  CHECK ((kind = 'invoice' AND total_cents >= 0 AND credit_for_id IS NULL)
         OR (kind = 'credit_note' AND total_cents < 0 AND credit_for_id IS NOT NULL)),
  CHECK (state = 'draft' OR published_at IS NOT NULL),
  CHECK ((state = 'paid') = (paid_at IS NOT NULL)),
  CHECK (state <> 'treasury' OR treasury_at IS NOT NULL)
) STRICT;
CREATE INDEX invoice_family_idx ON invoice (family_id, state, issue_date);
CREATE INDEX invoice_state_due_idx ON invoice (state, due_date);
CREATE INDEX invoice_issue_idx ON invoice (issue_date);
CREATE INDEX invoice_run_idx ON invoice (billing_run_id);
CREATE INDEX invoice_credit_idx ON invoice (credit_for_id) WHERE credit_for_id IS NOT NULL;

CREATE TABLE invoice_line (
  id               INTEGER PRIMARY KEY,
  invoice_id       INTEGER NOT NULL REFERENCES invoice (id) ON DELETE CASCADE,
  position         INTEGER NOT NULL DEFAULT 0,
  child_id         INTEGER REFERENCES child (id),
  service_id       INTEGER REFERENCES service (id),
  label            TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 300),
  -- Hundredths of a unit, so 12,5 hours of crèche is 1250 and no float is ever stored.
  quantity_centi   INTEGER NOT NULL,
  unit_price_cents INTEGER NOT NULL,
  amount_cents     INTEGER NOT NULL
) STRICT;
CREATE INDEX invoice_line_invoice_idx ON invoice_line (invoice_id, position);

CREATE TABLE payfip_operation (
  id              INTEGER PRIMARY KEY,
  idop            TEXT UNIQUE CHECK (idop IS NULL OR length(idop) BETWEEN 1 AND 64),
  refdet          TEXT NOT NULL UNIQUE CHECK (length(refdet) BETWEEN 6 AND 30),
  family_id       INTEGER NOT NULL REFERENCES family (id),
  account_id      INTEGER REFERENCES citizen_account (id),
  amount_cents    INTEGER NOT NULL CHECK (amount_cents > 0),
  email           TEXT NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
  saisie          TEXT NOT NULL CHECK (saisie IN ('T', 'X', 'W')),
  state           TEXT NOT NULL DEFAULT 'created'
                  CHECK (state IN ('created', 'pending', 'paid', 'refused', 'abandoned', 'error')),
  resultrans      TEXT CHECK (resultrans IS NULL OR length(resultrans) = 1),
  numauto         TEXT CHECK (numauto IS NULL OR length(numauto) <= 16),
  dattrans        TEXT CHECK (dattrans IS NULL OR length(dattrans) = 8),
  heurtrans       TEXT CHECK (heurtrans IS NULL OR length(heurtrans) = 4),
  last_error      TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  lock_until      TEXT NOT NULL,
  next_check_at   TEXT,
  check_failures  INTEGER NOT NULL DEFAULT 0 CHECK (check_failures >= 0),
  settled_at      TEXT,
  CHECK (state IN ('created', 'pending') OR settled_at IS NOT NULL)
) STRICT;
CREATE INDEX payfip_operation_state_idx ON payfip_operation (state, next_check_at);
CREATE INDEX payfip_operation_family_idx ON payfip_operation (family_id);

-- locked = 1 while the operation's outcome is unknown; the partial unique index makes it
-- impossible for one invoice to sit in two open operations at once.
CREATE TABLE payfip_operation_invoice (
  operation_id INTEGER NOT NULL REFERENCES payfip_operation (id) ON DELETE CASCADE,
  invoice_id   INTEGER NOT NULL REFERENCES invoice (id),
  amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
  locked       INTEGER NOT NULL DEFAULT 1 CHECK (locked IN (0, 1)),
  PRIMARY KEY (operation_id, invoice_id)
) STRICT, WITHOUT ROWID;
CREATE UNIQUE INDEX payfip_operation_invoice_lock_idx
  ON payfip_operation_invoice (invoice_id) WHERE locked = 1;
CREATE INDEX payfip_operation_invoice_invoice_idx ON payfip_operation_invoice (invoice_id);

CREATE TABLE payment (
  id                  INTEGER PRIMARY KEY,
  family_id           INTEGER NOT NULL REFERENCES family (id),
  method              TEXT NOT NULL CHECK (method IN ('payfip', 'cash', 'cheque', 'cesu',
                                                      'transfer', 'direct_debit')),
  amount_cents        INTEGER NOT NULL CHECK (amount_cents > 0),
  paid_at             TEXT NOT NULL,
  reference           TEXT NOT NULL DEFAULT '' CHECK (length(reference) <= 64),
  bank                TEXT NOT NULL DEFAULT '' CHECK (length(bank) <= 100),
  -- A PayFiP operation is recorded at most once: this is what makes notifications idempotent.
  payfip_operation_id INTEGER UNIQUE REFERENCES payfip_operation (id),
  recorded_by         INTEGER REFERENCES staff_user (id),
  created_at          TEXT NOT NULL,
  CHECK ((method = 'payfip') = (payfip_operation_id IS NOT NULL))
) STRICT;
CREATE INDEX payment_family_idx ON payment (family_id, paid_at);
CREATE INDEX payment_paid_at_idx ON payment (paid_at, method);

CREATE TABLE payment_allocation (
  payment_id   INTEGER NOT NULL REFERENCES payment (id) ON DELETE CASCADE,
  invoice_id   INTEGER NOT NULL REFERENCES invoice (id),
  amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
  PRIMARY KEY (payment_id, invoice_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX payment_allocation_invoice_idx ON payment_allocation (invoice_id, amount_cents);

CREATE TABLE document_type (
  id              INTEGER PRIMARY KEY,
  label           TEXT NOT NULL UNIQUE CHECK (length(label) BETWEEN 1 AND 200),
  scope           TEXT NOT NULL CHECK (scope IN ('family', 'child')),
  required        INTEGER NOT NULL DEFAULT 0 CHECK (required IN (0, 1)),
  validity_months INTEGER CHECK (validity_months IS NULL OR validity_months BETWEEN 1 AND 120),
  description     TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 1000),
  active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

CREATE TABLE document (
  id          INTEGER PRIMARY KEY,
  family_id   INTEGER NOT NULL REFERENCES family (id) ON DELETE CASCADE,
  child_id    INTEGER REFERENCES child (id) ON DELETE CASCADE,
  type_id     INTEGER NOT NULL REFERENCES document_type (id),
  file_name   TEXT NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
  media_type  TEXT NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
  size_bytes  INTEGER NOT NULL CHECK (size_bytes BETWEEN 1 AND 10485760),
  sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
  state       TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'accepted', 'refused')),
  reason      TEXT NOT NULL DEFAULT '' CHECK (length(reason) <= 1000),
  decided_by  INTEGER REFERENCES staff_user (id),
  decided_at  TEXT,
  valid_until TEXT,
  uploaded_at TEXT NOT NULL,
  CHECK ((state = 'pending') = (decided_at IS NULL)),
  CHECK (state <> 'refused' OR length(reason) > 0)
) STRICT;
CREATE INDEX document_family_idx ON document (family_id);
CREATE INDEX document_state_idx ON document (state, uploaded_at);

CREATE TABLE change_request (
  id         INTEGER PRIMARY KEY,
  family_id  INTEGER NOT NULL REFERENCES family (id) ON DELETE CASCADE,
  child_id   INTEGER REFERENCES child (id) ON DELETE CASCADE,
  kind       TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 64),
  payload    TEXT NOT NULL CHECK (json_valid(payload) AND length(payload) <= 65536),
  state      TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'accepted', 'refused')),
  reason     TEXT NOT NULL DEFAULT '' CHECK (length(reason) <= 1000),
  decided_by INTEGER REFERENCES staff_user (id),
  decided_at TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX change_request_state_idx ON change_request (state, created_at);

CREATE TABLE announcement (
  id           INTEGER PRIMARY KEY,
  title        TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  body         TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
  published    INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1)),
  published_at TEXT,
  created_by   INTEGER REFERENCES staff_user (id),
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  CHECK (published = 0 OR published_at IS NOT NULL)
) STRICT;
CREATE INDEX announcement_published_idx ON announcement (published, published_at);

CREATE TABLE announcement_dismissal (
  announcement_id INTEGER NOT NULL REFERENCES announcement (id) ON DELETE CASCADE,
  account_id      INTEGER NOT NULL REFERENCES citizen_account (id) ON DELETE CASCADE,
  dismissed_at    TEXT NOT NULL,
  PRIMARY KEY (announcement_id, account_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE message (
  id           INTEGER PRIMARY KEY,
  family_id    INTEGER NOT NULL REFERENCES family (id) ON DELETE CASCADE,
  thread_id    INTEGER REFERENCES message (id),
  direction    TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  account_id   INTEGER REFERENCES citizen_account (id),
  staff_id     INTEGER REFERENCES staff_user (id),
  sender_name  TEXT NOT NULL CHECK (length(sender_name) BETWEEN 1 AND 200),
  sender_email TEXT NOT NULL DEFAULT '' CHECK (length(sender_email) <= 254),
  subject      TEXT NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
  body         TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
  created_at   TEXT NOT NULL,
  read_at      TEXT,
  CHECK (direction = 'in' OR staff_id IS NOT NULL)
) STRICT;
CREATE INDEX message_family_idx ON message (family_id, created_at);
CREATE INDEX message_unread_idx ON message (direction, read_at);

CREATE TABLE mail_outbox (
  id              INTEGER PRIMARY KEY,
  kind            TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 32),
  recipient       TEXT NOT NULL CHECK (length(recipient) BETWEEN 3 AND 254),
  subject         TEXT NOT NULL CHECK (length(subject) BETWEEN 1 AND 300),
  body_text       TEXT NOT NULL,
  body_html       TEXT,
  created_at      TEXT NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at TEXT NOT NULL,
  sent_at         TEXT,
  last_error      TEXT
) STRICT;
CREATE INDEX mail_outbox_due_idx ON mail_outbox (next_attempt_at) WHERE sent_at IS NULL;

-- Each row carries the hash of the previous one (prev_hash) and its own (hash, over its
-- content and prev_hash): a changed or removed row breaks the chain.
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  actor_kind  TEXT NOT NULL CHECK (actor_kind IN ('staff', 'citizen', 'system')),
  actor_id    INTEGER,
  actor_label TEXT NOT NULL DEFAULT '',
  action      TEXT NOT NULL CHECK (length(action) BETWEEN 1 AND 64),
  entity      TEXT NOT NULL CHECK (length(entity) BETWEEN 1 AND 64),
  entity_id   INTEGER,
  details     TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details)),
  prev_hash   TEXT NOT NULL CHECK (length(prev_hash) = 64),
  hash        TEXT NOT NULL UNIQUE CHECK (length(hash) = 64)
) STRICT;
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id);

-- Family search: one FTS5 document per family (dossier, guardians' names and e-mails,
-- children's names, portal login), diacritics folded so "heloise" finds "Héloïse".
-- Kept up to date by triggers so no code path can forget it.
CREATE VIRTUAL TABLE family_fts USING fts5 (
  body,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3'
);

CREATE VIEW family_search_body AS
SELECT f.id AS id,
       f.reference || ' ' || f.email
       || ' ' || ifnull((SELECT group_concat(g.last_name || ' ' || g.first_name || ' ' || g.email, ' ')
                           FROM guardian g WHERE g.family_id = f.id), '')
       || ' ' || ifnull((SELECT group_concat(c.first_name || ' ' || c.last_name, ' ')
                           FROM child c WHERE c.family_id = f.id), '')
       || ' ' || ifnull((SELECT a.email FROM citizen_account a WHERE a.family_id = f.id), '')
       AS body
  FROM family f;

CREATE TRIGGER family_fts_family_ai AFTER INSERT ON family BEGIN
  INSERT INTO family_fts (rowid, body) SELECT id, body FROM family_search_body WHERE id = NEW.id;
END;
CREATE TRIGGER family_fts_family_au AFTER UPDATE OF reference, email ON family BEGIN
  DELETE FROM family_fts WHERE rowid = NEW.id;
  INSERT INTO family_fts (rowid, body) SELECT id, body FROM family_search_body WHERE id = NEW.id;
END;
CREATE TRIGGER family_fts_family_ad AFTER DELETE ON family BEGIN
  DELETE FROM family_fts WHERE rowid = OLD.id;
END;

CREATE TRIGGER family_fts_guardian_ai AFTER INSERT ON guardian BEGIN
  DELETE FROM family_fts WHERE rowid = NEW.family_id;
  INSERT INTO family_fts (rowid, body) SELECT id, body FROM family_search_body WHERE id = NEW.family_id;
END;
CREATE TRIGGER family_fts_guardian_au AFTER UPDATE OF last_name, first_name, email ON guardian BEGIN
  DELETE FROM family_fts WHERE rowid = NEW.family_id;
  INSERT INTO family_fts (rowid, body) SELECT id, body FROM family_search_body WHERE id = NEW.family_id;
END;
CREATE TRIGGER family_fts_guardian_ad AFTER DELETE ON guardian BEGIN
  DELETE FROM family_fts WHERE rowid = OLD.family_id;
  INSERT INTO family_fts (rowid, body) SELECT id, body FROM family_search_body WHERE id = OLD.family_id;
END;

CREATE TRIGGER family_fts_child_ai AFTER INSERT ON child BEGIN
  DELETE FROM family_fts WHERE rowid = NEW.family_id;
  INSERT INTO family_fts (rowid, body) SELECT id, body FROM family_search_body WHERE id = NEW.family_id;
END;
CREATE TRIGGER family_fts_child_au AFTER UPDATE OF last_name, first_name ON child BEGIN
  DELETE FROM family_fts WHERE rowid = NEW.family_id;
  INSERT INTO family_fts (rowid, body) SELECT id, body FROM family_search_body WHERE id = NEW.family_id;
END;
CREATE TRIGGER family_fts_child_ad AFTER DELETE ON child BEGIN
  DELETE FROM family_fts WHERE rowid = OLD.family_id;
  INSERT INTO family_fts (rowid, body) SELECT id, body FROM family_search_body WHERE id = OLD.family_id;
END;

CREATE TRIGGER family_fts_account_ai AFTER INSERT ON citizen_account BEGIN
  DELETE FROM family_fts WHERE rowid = NEW.family_id;
  INSERT INTO family_fts (rowid, body) SELECT id, body FROM family_search_body WHERE id = NEW.family_id;
END;
CREATE TRIGGER family_fts_account_au AFTER UPDATE OF email ON citizen_account BEGIN
  DELETE FROM family_fts WHERE rowid = NEW.family_id;
  INSERT INTO family_fts (rowid, body) SELECT id, body FROM family_search_body WHERE id = NEW.family_id;
END;

-- What is left to pay on each invoice: total, minus what payments were allocated to it,
-- plus its credit notes (negative totals).
CREATE VIEW invoice_balance AS
SELECT i.id AS invoice_id,
       i.total_cents AS total_cents,
       ifnull((SELECT sum(pa.amount_cents) FROM payment_allocation pa WHERE pa.invoice_id = i.id), 0)
         AS paid_cents,
       ifnull((SELECT sum(cn.total_cents) FROM invoice cn
                WHERE cn.credit_for_id = i.id AND cn.state <> 'draft'), 0)
         AS credited_cents
  FROM invoice i;

-- An allocation may never take an invoice below zero left to pay.
CREATE TRIGGER payment_allocation_no_overpay BEFORE INSERT ON payment_allocation BEGIN
  SELECT RAISE (ABORT, 'allocation exceeds the amount left to pay')
   WHERE NEW.amount_cents > (SELECT total_cents + credited_cents - paid_cents
                               FROM invoice_balance WHERE invoice_id = NEW.invoice_id);
END;

-- The audit log is append-only for every program that uses the schema.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
  SELECT RAISE (ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
  SELECT RAISE (ABORT, 'the audit log is append-only');
END;
