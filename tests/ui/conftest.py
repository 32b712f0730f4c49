from app_fixtures import TODAY, ctx, window  # noqa: F401
