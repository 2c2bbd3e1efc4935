import { notFound } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/route";
import { API_ROUTES } from "@/lib/api/routes";
import { profileFor } from "@/lib/usage/budgets";

export const dynamic = "force-dynamic";

export const GET = apiRoute(API_ROUTES.profile, async ({ db, principal, params }) => {
  const profile = await profileFor(db, principal.projectId, params.profile);
  if (!profile) throw notFound(`agent profile ${params.profile}`);
  return Response.json(profile);
});
