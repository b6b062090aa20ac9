// en texts: chat. Merged by src/admin/locale/index.ts.
export default {};
