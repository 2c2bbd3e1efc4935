/** The admin the setup project creates on the fresh e2e database, and where its signed-in state is saved. */
export const ADMIN = { name: "E2E Admin", email: "admin@e2e.example", password: "e2e admin password" };
export const ADMIN_STATE = "e2e/.auth/admin.json";
