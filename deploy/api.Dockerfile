# MLOps Api image: the ASP.NET Core minimal API (on-call commands, status, ingestion, Hangfire
# dashboard, /metrics, /healthz) on 8080.
# Build context is the repository root (the compose file builds with context `..`):
#   docker build -f deploy/api.Dockerfile -t mlops-api .

# --- build ---------------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS projects
# Only what restore reads (project files, nested Directory.* files, lock files), in their
# folders, so the restore layer below is reused until one of them changes. Copying all of src/
# and deleting the rest stays right as projects come and go; a hand-kept list of the Api's
# references would not.
WORKDIR /src
COPY src/ src/
RUN find src -type f ! -name '*.csproj' ! -name 'Directory.*' ! -name 'packages.lock.json' -delete

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Build-wide settings: SDK pin, shared MSBuild properties, central package versions, and the
# analyzer/style settings that TreatWarningsAsErrors enforces (optional files via the `*`).
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig* nuget.config* NuGet.config* ./
COPY --from=projects /src/src/ src/
RUN dotnet restore src/Api/MLOps.Api.csproj
COPY src/ src/
RUN dotnet publish src/Api/MLOps.Api.csproj \
      --configuration Release --no-restore --output /app /p:UseAppHost=false

# --- runtime -------------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# Listen on 8080 inside the container (compose maps it); plain HTTP, TLS ends in front of it.
ENV ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
# The non-root user the .NET images provide.
USER $APP_UID
ENTRYPOINT ["dotnet", "MLOps.Api.dll"]
