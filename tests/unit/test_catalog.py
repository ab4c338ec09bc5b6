import os

from pmtui.catalog import describe, reviews_in


def test_reviews_in_a_folder_newest_first_skipping_other_toml(tmp_path, pet_clinic):
    older = tmp_path / "older.toml"
    older.write_text('[incident]\ntitle = "DB failover"\nseverity = "SEV2"\n')
    os.utime(older, (1, 1))
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    (tmp_path / "broken.toml").write_text("[incident\n")
    os.utime(tmp_path / "broken.toml", (0, 0))
    entries = reviews_in(tmp_path)
    assert [e.path.name for e in entries] == ["pet-clinic-dojo.toml", "older.toml", "broken.toml"]
    assert entries[0].label == (
        "DOJO-PIP-1 Pet Clinic offline after a major upgrade (SEV1, in review)"
    )
    assert entries[1].label == "DB failover (SEV2)"
    assert entries[2].problem.startswith("Expected ']'")


def test_describe_a_bare_review(tmp_path):
    path = tmp_path / "r.toml"
    path.write_text("schema_version = 1\n")
    assert describe(path).label == "Untitled review"
