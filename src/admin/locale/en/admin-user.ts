// en texts: admin-user. Merged by src/admin/locale/index.ts.
export default {};
