/// The newest versioned migration this build expects the database to have; `/health/ready`
/// fails while the database is behind. A test keeps it equal to the newest file in migrations/.
public let expectedSchemaVersion = 26
