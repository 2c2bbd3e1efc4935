import { notFound } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/route";
import { API_ROUTES } from "@/lib/api/routes";
import { budgetFor } from "@/lib/usage/budgets";

export const dynamic = "force-dynamic";

export const GET = apiRoute(API_ROUTES.budget, async ({ db, principal, params }) => {
  const budget = await budgetFor(db, principal.projectId, params.profile);
  if (!budget) throw notFound(`agent profile ${params.profile}`);
  return Response.json(budget);
});
