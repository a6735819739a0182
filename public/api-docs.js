// The viewer of the DUI API's contract (/api/v1/docs): Swagger UI, served from our own assets.
window.ui = SwaggerUIBundle({
  url: "/api/v1/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  tryItOutEnabled: false,
});
