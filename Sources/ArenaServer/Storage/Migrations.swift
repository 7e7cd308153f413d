import GRDB

/// Versioned schema. Append a new migration for every change; never edit one that has shipped.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-seed-tables") { db in
            try db.execute(
                sql: """
                    CREATE TABLE user_profiles (
                        id TEXT PRIMARY KEY NOT NULL,
                        username TEXT NOT NULL UNIQUE COLLATE NOCASE,
                        email TEXT NOT NULL UNIQUE COLLATE NOCASE,
                        password_hash TEXT NOT NULL,
                        full_name TEXT,
                        avatar_url TEXT,
                        role TEXT NOT NULL DEFAULT 'player' CHECK (role IN ('player', 'moderator', 'admin')),
                        elo_rating INTEGER NOT NULL DEFAULT 1200,
                        games_played INTEGER NOT NULL DEFAULT 0,
                        games_won INTEGER NOT NULL DEFAULT 0,
                        games_lost INTEGER NOT NULL DEFAULT 0,
                        games_drawn INTEGER NOT NULL DEFAULT 0,
                        rating_updated_at TEXT,
                        last_active TEXT,
                        created_at TEXT NOT NULL,
                        updated_at TEXT NOT NULL
                    );
                    CREATE INDEX idx_user_profiles_elo ON user_profiles(elo_rating DESC, games_won DESC, rating_updated_at ASC);
                    CREATE INDEX idx_user_profiles_last_active ON user_profiles(last_active);

                    CREATE TABLE games (
                        id TEXT PRIMARY KEY NOT NULL,
                        player1_id TEXT REFERENCES user_profiles(id),
                        player2_id TEXT REFERENCES user_profiles(id),
                        current_player_id TEXT,
                        winner_id TEXT,
                        invited_id TEXT,
                        board TEXT NOT NULL DEFAULT '         ',
                        status TEXT NOT NULL CHECK (status IN ('waiting', 'active', 'completed', 'abandoned')),
                        moves_count INTEGER NOT NULL DEFAULT 0,
                        bot TEXT,
                        rated INTEGER NOT NULL DEFAULT 1,
                        version INTEGER NOT NULL DEFAULT 0,
                        end_reason TEXT,
                        started_at TEXT,
                        ended_at TEXT,
                        created_at TEXT NOT NULL,
                        updated_at TEXT NOT NULL
                    );
                    CREATE INDEX idx_games_status ON games(status, created_at);
                    CREATE INDEX idx_games_player1 ON games(player1_id, status);
                    CREATE INDEX idx_games_player2 ON games(player2_id, status);

                    CREATE TABLE moves (
                        game_id TEXT NOT NULL REFERENCES games(id) ON DELETE CASCADE,
                        number INTEGER NOT NULL,
                        player_id TEXT NOT NULL,
                        position INTEGER NOT NULL CHECK (position BETWEEN 0 AND 8),
                        mark TEXT NOT NULL CHECK (mark IN ('X', 'O')),
                        created_at TEXT NOT NULL,
                        PRIMARY KEY (game_id, number)
                    ) WITHOUT ROWID;

                    CREATE TABLE game_results (
                        game_id TEXT PRIMARY KEY NOT NULL REFERENCES games(id),
                        player1_id TEXT NOT NULL,
                        player2_id TEXT NOT NULL,
                        winner_id TEXT,
                        end_reason TEXT NOT NULL,
                        player1_elo_before INTEGER NOT NULL,
                        player1_elo_after INTEGER NOT NULL,
                        player1_elo_change INTEGER NOT NULL,
                        player2_elo_before INTEGER NOT NULL,
                        player2_elo_after INTEGER NOT NULL,
                        player2_elo_change INTEGER NOT NULL,
                        created_at TEXT NOT NULL
                    );
                    CREATE INDEX idx_game_results_player1 ON game_results(player1_id, created_at DESC);
                    CREATE INDEX idx_game_results_player2 ON game_results(player2_id, created_at DESC);

                    CREATE TABLE matchmaking_queue (
                        user_id TEXT PRIMARY KEY NOT NULL REFERENCES user_profiles(id),
                        elo_rating INTEGER NOT NULL,
                        preferences TEXT NOT NULL DEFAULT '{}',
                        status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'matched')),
                        game_id TEXT,
                        queued_at TEXT NOT NULL,
                        matched_at TEXT
                    );
                    CREATE INDEX idx_matchmaking_queue_status ON matchmaking_queue(status, elo_rating);

                    CREATE TABLE chat_messages (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        game_id TEXT NOT NULL REFERENCES games(id) ON DELETE CASCADE,
                        user_id TEXT NOT NULL,
                        text TEXT NOT NULL,
                        created_at TEXT NOT NULL
                    );
                    CREATE INDEX idx_chat_messages_game ON chat_messages(game_id, id);
                    """)
        }
        migrator.registerMigration("v2-auth") { db in
            try db.execute(
                sql: """
                    CREATE TABLE refresh_tokens (
                        token_hash TEXT PRIMARY KEY NOT NULL,
                        user_id TEXT NOT NULL REFERENCES user_profiles(id) ON DELETE CASCADE,
                        family_id TEXT NOT NULL,
                        created_at TEXT NOT NULL,
                        expires_at TEXT NOT NULL,
                        spent_at TEXT,
                        revoked_at TEXT
                    );
                    CREATE INDEX idx_refresh_tokens_family ON refresh_tokens(family_id);
                    CREATE INDEX idx_refresh_tokens_user ON refresh_tokens(user_id);

                    CREATE TABLE revoked_sessions (
                        family_id TEXT PRIMARY KEY NOT NULL,
                        user_id TEXT NOT NULL,
                        revoked_at TEXT NOT NULL
                    );

                    CREATE TABLE password_reset_tokens (
                        token_hash TEXT PRIMARY KEY NOT NULL,
                        user_id TEXT NOT NULL REFERENCES user_profiles(id) ON DELETE CASCADE,
                        created_at TEXT NOT NULL,
                        expires_at TEXT NOT NULL,
                        used_at TEXT
                    );
                    CREATE INDEX idx_password_reset_user ON password_reset_tokens(user_id);

                    CREATE TABLE friendships (
                        requester_id TEXT NOT NULL REFERENCES user_profiles(id) ON DELETE CASCADE,
                        addressee_id TEXT NOT NULL REFERENCES user_profiles(id) ON DELETE CASCADE,
                        status TEXT NOT NULL CHECK (status IN ('pending', 'accepted')),
                        created_at TEXT NOT NULL,
                        accepted_at TEXT,
                        PRIMARY KEY (requester_id, addressee_id)
                    ) WITHOUT ROWID;
                    CREATE INDEX idx_friendships_addressee ON friendships(addressee_id, status);
                    """)
        }
        migrator.registerMigration("v3-leaderboard") { db in
            // Only ranked players (games_played > 0) are on the boards: a partial index in board order,
            // with the id as the last tie-break, serves pages, counts and one player's rank from the
            // index alone, even with 100,000 players.
            try db.execute(
                sql: """
                    CREATE INDEX idx_user_profiles_ranked
                        ON user_profiles(elo_rating DESC, games_won DESC, rating_updated_at ASC, id ASC)
                        WHERE games_played > 0;
                    """)
        }
        migrator.registerMigration("v4-bot-accounts") { db in
            try BotAccounts.insert(db, now: "2026-01-01T00:00:00.000Z")
        }
        migrator.registerMigration("v5-ranked-count") { db in
            // Every board shows how many players are ranked. Counting 100,000 index entries took
            // 11 ms, and under play the leaderboard cache is emptied by every finished game; the
            // triggers keep the number as a single row instead, in the same transaction as the
            // change that moves a player on or off the boards.
            try db.execute(
                sql: """
                    CREATE TABLE board_counts (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        ranked INTEGER NOT NULL
                    );
                    INSERT INTO board_counts (id, ranked)
                        SELECT 1, COUNT(*) FROM user_profiles WHERE games_played > 0;
                    CREATE TRIGGER board_counts_insert AFTER INSERT ON user_profiles
                        WHEN NEW.games_played > 0
                        BEGIN UPDATE board_counts SET ranked = ranked + 1 WHERE id = 1; END;
                    CREATE TRIGGER board_counts_delete AFTER DELETE ON user_profiles
                        WHEN OLD.games_played > 0
                        BEGIN UPDATE board_counts SET ranked = ranked - 1 WHERE id = 1; END;
                    CREATE TRIGGER board_counts_update AFTER UPDATE OF games_played ON user_profiles
                        WHEN (OLD.games_played > 0) != (NEW.games_played > 0)
                        BEGIN
                            UPDATE board_counts SET ranked = ranked + (NEW.games_played > 0) - (OLD.games_played > 0)
                            WHERE id = 1;
                        END;
                    """)
        }
        return migrator
    }
}
