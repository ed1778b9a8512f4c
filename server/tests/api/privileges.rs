//! What each role may do in every schema the app creates, compared with the
//! reviewed list in `fixtures/privileges.txt`: a grant added or dropped by a
//! migration shows here as a difference to review against the spec
//! (`welltrack-er-diagram.md`, "Row Level Security") before the list is
//! rewritten with `WELLTRACK_BLESS=1`.
//!
//! Login roles are `noinherit`: what is listed for `wt_app` and `wt_service`
//! is what they can do before they SET ROLE; what they may become is listed
//! as `member of`.

use crate::helpers::{admin_pool, fresh_database};

const ROLES: &str = "'anon', 'authenticated', 'service_role', 'wt_rls_definer', 'wt_app', 'wt_service'";
const SCHEMAS: &str = "'public', 'auth', 'engine', 'food', 'media', 'private', 'tower_sessions'";

fn fixture() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/privileges.txt")
}

#[tokio::test]
async fn every_roles_rights_in_every_schema_are_the_reviewed_ones() {
    let db = fresh_database().await;
    let admin = admin_pool(&db).await;
    let sql = format!(
        "with roles as (select rolname from pg_roles where rolname in ({ROLES})), \
         rels as (select c.oid, n.nspname, c.relname, c.relkind from pg_class c \
                  join pg_namespace n on n.oid = c.relnamespace \
                  where n.nspname in ({SCHEMAS}) and c.relkind in ('r', 'v', 'm', 'p', 'S')), \
         privs(p) as (values ('select'), ('insert'), ('update'), ('delete'), ('truncate'), ('references'), ('trigger')), \
         table_lines as ( \
           select format('%s %I.%I %s: %s', case r.relkind when 'v' then 'view' when 'S' then 'sequence' else 'table' end, \
                         r.nspname, r.relname, ro.rolname, string_agg(p.p, ' ' order by p.p)) as line \
           from rels r cross join roles ro cross join privs p \
           where r.relkind <> 'S' and has_table_privilege(ro.rolname, r.oid, p.p) \
           group by r.relkind, r.nspname, r.relname, ro.rolname), \
         sequence_lines as ( \
           select format('sequence %I.%I %s: %s', r.nspname, r.relname, ro.rolname, string_agg(p.p, ' ' order by p.p)) \
           from rels r cross join roles ro cross join (values ('usage'), ('select'), ('update')) p(p) \
           where r.relkind = 'S' and has_sequence_privilege(ro.rolname, r.oid, p.p) \
           group by r.nspname, r.relname, ro.rolname), \
         column_lines as ( \
           select format('columns %I.%I %s %s: %s', r.nspname, r.relname, ro.rolname, p.p, \
                         string_agg(quote_ident(a.attname), ' ' order by a.attnum)) \
           from rels r join pg_attribute a on a.attrelid = r.oid and a.attnum > 0 and not a.attisdropped \
           cross join roles ro cross join (values ('select'), ('insert'), ('update'), ('references')) p(p) \
           where r.relkind <> 'S' and not has_table_privilege(ro.rolname, r.oid, p.p) \
             and has_column_privilege(ro.rolname, r.oid, a.attnum, p.p) \
           group by r.nspname, r.relname, ro.rolname, p.p), \
         schema_lines as ( \
           select format('schema %I %s: %s', n.nspname, ro.rolname, string_agg(p.p, ' ' order by p.p)) \
           from pg_namespace n cross join roles ro cross join (values ('usage'), ('create')) p(p) \
           where n.nspname in ({SCHEMAS}) and has_schema_privilege(ro.rolname, n.oid, p.p) \
           group by n.nspname, ro.rolname), \
         function_lines as ( \
           select format('function %I.%I(%s) %s: execute', n.nspname, f.proname, \
                         pg_get_function_identity_arguments(f.oid), ro.rolname) \
           from pg_proc f join pg_namespace n on n.oid = f.pronamespace cross join roles ro \
           where n.nspname in ({SCHEMAS}) and has_function_privilege(ro.rolname, f.oid, 'execute') \
             and not exists (select 1 from pg_depend d where d.objid = f.oid and d.deptype = 'e')), \
         membership_lines as ( \
           select format('member of %s: %s', u.rolname, string_agg(r.rolname, ' ' order by r.rolname)) \
           from pg_auth_members m join pg_roles r on r.oid = m.roleid join pg_roles u on u.oid = m.member \
           where u.rolname in ({ROLES}) group by u.rolname), \
         attribute_lines as ( \
           select format('role %s:%s%s%s', rolname, case when rolcanlogin then ' login' else '' end, \
                         case when rolbypassrls then ' bypassrls' else '' end, \
                         case when rolsuper then ' superuser' else '' end) \
           from pg_roles where rolname in ({ROLES})) \
         select line from ( \
           select line from table_lines union all select * from sequence_lines union all select * from column_lines \
           union all select * from schema_lines union all select * from function_lines \
           union all select * from membership_lines union all select * from attribute_lines) all_lines \
         order by line collate \"C\""
    );
    let lines: Vec<String> = sqlx::query_scalar(&sql).fetch_all(&admin).await.unwrap();
    let actual = lines.join("\n") + "\n";
    if std::env::var_os("WELLTRACK_BLESS").is_some() {
        std::fs::write(fixture(), &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(fixture()).unwrap_or_default();
    if actual != expected {
        let expected_lines: std::collections::BTreeSet<&str> = expected.lines().collect();
        let actual_lines: std::collections::BTreeSet<&str> = actual.lines().collect();
        let added: Vec<_> = actual_lines.difference(&expected_lines).collect();
        let dropped: Vec<_> = expected_lines.difference(&actual_lines).collect();
        panic!(
            "rights differ from tests/fixtures/privileges.txt\n  granted now, not reviewed: {added:#?}\n  \
             reviewed, no longer granted: {dropped:#?}\nreview against the spec, then rerun with WELLTRACK_BLESS=1"
        );
    }
}
